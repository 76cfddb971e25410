"""The language of the checkers' and quizzes' feedback: English (``"en"``) or Simplified Chinese (``"zh_CN"``).

The language is the one given to :func:`set_language` (``notebook.setup(language=...)`` calls it), else the
environment variable ``NORMREG_LANGUAGE`` (``course.py lab --lang zh_CN`` sets it), else English.
Translations come from ``course_lib/locale/<language>/LC_MESSAGES/course_lib.mo``, compiled by
``course.py translate`` from ``locale/zh_CN/LC_MESSAGES/course_lib.po`` and the lessons' quiz strings.
A message without a translation is shown in English; these functions never raise on a missing catalog.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
from pathlib import Path

LANGUAGES = ("en", "zh_CN")
ENVIRONMENT_VARIABLE = "NORMREG_LANGUAGE"
DOMAIN = "course_lib"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_chosen: list[str] = []  # the language set_language chose, if it was called


def set_language(language: str | None) -> None:
    """Use ``language`` ("en" or "zh_CN") for the feedback from now on; None goes back to the default."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)} or None, got {language!r}"[:200])
    _chosen[:] = [] if language is None else [language]


def language() -> str:
    """The feedback's language: set_language's, else $NORMREG_LANGUAGE's (when valid), else "en"."""
    if _chosen:
        return _chosen[0]
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return from_environment if from_environment in LANGUAGES else "en"


@functools.cache
def _catalog(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language; an empty one (English) when it is missing or unreadable."""
    try:
        return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except (OSError, ValueError, UnicodeError):
        return _gettext.NullTranslations()


def gettext(message: str) -> str:
    """message in the feedback's language (itself when English or untranslated)."""
    current = language()
    return message if current == "en" else _catalog(current).gettext(message)


def pgettext(context: str, message: str) -> str:
    """message of a context (e.g. "quiz") in the feedback's language."""
    current = language()
    return message if current == "en" else _catalog(current).pgettext(context, message)


def gettext_format(message: str, /, **fields: object) -> str:
    """message in the feedback's language with its ``{fields}`` filled in (str.format); the English
    message when a translation's fields do not fit (tests/test_translations.py prevents that)."""
    try:
        return gettext(message).format(**fields)
    except (KeyError, IndexError, ValueError):
        return message.format(**fields)


def sentence_gap() -> str:
    """What goes between two sentences: a space in English, nothing in Chinese."""
    return "" if language() == "zh_CN" else " "
