"""Sphinx configuration of the course website (`python3 course.py site`).

The pages are built from a staging folder, build/site-src/, that docs/build.py fills with the
pages of this folder, the committed executed notebooks and the solutions. Nothing is executed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

# ---------------------------------------------------------------------------------------------
# Launch buttons come from the course's one repository setting: pyproject.toml's [tool.normreg]
# repository-url (or the environment variable NORMREG_REPOSITORY_URL), which the lessons' install
# cell and `course.py hub-links` use too. While it is empty the site shows no Binder or Colab
# button at all, so it never shows a broken one.
sys.path.insert(0, str(DOCS.parent))
from course import course_version, license_notice_html, repository_branch, repository_url

repository_url, repository_branch = repository_url(), repository_branch()
# ---------------------------------------------------------------------------------------------

# The Chinese edition: Sphinx's gettext catalogs, made and refreshed by tools/translate.py
# (`python3 course.py translate`), one per page, without line numbers or ids that would change
# a catalog when its text did not.
locale_dirs = [str(DOCS.parent / "locale")]
gettext_compact = False
gettext_uuid = False
gettext_location = False
gettext_last_translator = gettext_language_team = "the normreg authors"

project = "normreg: L1 and L2 regularization, from norms to MNIST"
author = "the normreg authors"
copyright = "2026, the normreg authors"
version = release = course_version()  # course_lib.__version__, the version's one place

extensions = ["myst_nb", "sphinx.ext.mathjax", "normreg_site"]
# Staged by docs/build.py: included by other pages (_data, _generated) or copied as is (_extra).
exclude_patterns = ["_extra", "_generated", "_data", "**.ipynb_checkpoints"]
# docs/build.py builds the English site into build/site/ and each translation into build/site/<language>/
# (NORMREG_SITE_LANGUAGE): a translation's pages link the English site's slider frames
# (normreg_root_prefix) instead of a copy of them, and their own downloads/ (the translated lessons).
language = os.environ.get("NORMREG_SITE_LANGUAGE", "en")
normreg_root_prefix = "" if language == "en" else "../"
if language == "zh_CN":  # myst-nb's toggle of a folded cell ("Show code cell source")
    nb_code_prompt_show, nb_code_prompt_hide = "显示代码", "隐藏代码"

# The notebooks are committed executed: the site shows those outputs, never re-runs them.
nb_execution_mode = "off"
nb_merge_streams = True
nb_ipywidgets_js = {}  # no widget state in the lessons; myst-nb's default loads it from CDNs
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_block", "attrs_inline"]
myst_heading_anchors = 3
myst_dmath_double_inline = True
suppress_warnings = ["mystnb.unknown_mime_type"]

# Math: MathJax 3 from a local copy (see normreg_site.py), never from a CDN.
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = "normreg: L1 and L2 regularization"
html_static_path = [str(DOCS / "_static")]
# normreg-icons.css draws the theme's icons; _templates/static/webpack-macros.html drops Font Awesome's
# 1.56 MB script that drew them (tests/test_reference_pages.py checks both).
templates_path = [str(DOCS / "_templates")]
html_css_files = ["normreg.css", "normreg-icons.css"]
html_favicon = str(DOCS / "_static" / "favicon.svg")  # the L1 diamond inside the L2 circle
html_js_files = ["normreg.js"]  # the sidebar toggles and search highlighting (see the file)
html_extra_path = [str(DOCS.parent / "build" / "site-src" / "_extra")] if language == "en" else []  # downloads/
html_copy_source = False  # lesson pages link their own .ipynb/.py downloads
html_show_sourcelink = False
html_last_updated_fmt = None
html_baseurl = ""
html_context = {"default_mode": "auto"}  # follow the reader's light or dark preference
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "navigation_with_keys": False,
    "analytics": {},
    "icon_links": [],
    "extra_footer": f"<p>normreg {release}. {license_notice_html()}</p>",  # every page's licenses
}
if repository_url:
    html_theme_options.update(
        repository_url=repository_url,
        repository_branch=repository_branch,
        path_to_docs="",  # lesson pages are staged as notebooks/NN_name.ipynb, their path in the repo
        launch_buttons={
            "binderhub_url": "https://mybinder.org",
            "colab_url": "https://colab.research.google.com",
            "notebook_interface": "jupyterlab",
        },
    )

