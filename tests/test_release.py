"""The course's license, citation and changelog: present, valid and in step with its one version number.

CITATION.cff is validated against the Citation File Format 1.2.0 JSON schema, vendored in
tests/data/ from the cffconvert wheel (no network), with jsonschema.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from scripts import load_script

import course_lib

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())
COURSE = load_script("course.py")
PYPROJECT = COURSE.pyproject()
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def cff_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def test_citation_file_is_valid_cff():
    assert cff_errors(citation()) == []


@pytest.mark.parametrize("breakage", ["no authors", "bad date", "license expression"])
def test_the_schema_check_can_fail(breakage):
    document = copy.deepcopy(citation())
    if breakage == "no authors":
        del document["authors"]
    elif breakage == "bad date":
        document["date-released"] = "6 December 2026"
    else:
        document["license"] = "MIT AND CC-BY-4.0"  # CFF wants SPDX identifiers, not expressions
    assert cff_errors(document) != []


def test_version_has_one_place_and_everything_follows_it():
    assert PYPROJECT["project"]["dynamic"] == ["version"] and "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "course_lib.__version__"}
    assert str(citation()["version"]) == course_lib.__version__
    assert COURSE.course_version() == course_lib.__version__


def test_changelog_newest_release_matches_version_and_citation_date():
    releases = RELEASE.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert releases, "CHANGELOG.md has no '## [X.Y.Z] - YYYY-MM-DD' entry"
    version, date = releases[0]
    assert version == course_lib.__version__
    assert str(citation()["date-released"]) == date


def test_license_files_and_spdx_expression():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT AND CC-BY-4.0 AND CC-BY-SA-3.0"
    names = ["MIT", "CC-BY-4.0", "CC-BY-SA-3.0"]
    assert sorted(p.stem for p in (ROOT / "LICENSES").glob("*.txt")) == sorted(names)
    texts = {name: (ROOT / "LICENSES" / f"{name}.txt").read_text(encoding="utf-8") for name in names}
    assert texts["MIT"].startswith("MIT License") and "Permission is hereby granted" in texts["MIT"]
    assert texts["CC-BY-4.0"].startswith("Creative Commons Attribution 4.0 International")
    assert "Attribution-ShareAlike 3.0 Unported" in texts["CC-BY-SA-3.0"]
    summary = (ROOT / "LICENSE").read_text(encoding="utf-8")
    for phrase in ["Code: MIT", "CC BY 4.0", "CC BY-SA 3.0", "Permission is hereby granted", "source documents"]:
        assert phrase in summary, phrase
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]  # PEP 639 license metadata


def test_repository_in_citation_follows_the_one_setting():
    url = PYPROJECT["tool"]["normreg"]["repository-url"].rstrip("/")
    assert citation().get("repository-code", "") == url, (
        "set CITATION.cff's repository-code to pyproject.toml's [tool.normreg] repository-url")
