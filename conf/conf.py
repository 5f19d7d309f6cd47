"""Sphinx configuration shared by every language of the site.

English is the source language.  Other languages are built from the same
sources with ``-D language=<code>``; their text comes from the gettext
catalogues in ``locale/``.  ``socksite.languages.site_languages()`` reads
``site_languages`` from here for the build script, the nox sessions and the tests.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(CONF_DIR))

# -- Project -------------------------------------------------------------------

project = "Python socket methods"
author = "The socket-methods contributors"
copyright = "2026 socket-methods"

# -- Languages -----------------------------------------------------------------
# The one declaration of the site's languages: Sphinx language code -> name
# shown in the language switcher.  The first one is the source language.
# Each language is published under its BCP 47 tag in lower case
# (en/, zh-cn/), as docs.python.org and Read the Docs do.
site_languages = {
    "en": "English",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文",
}
# Languages held back from readers until their catalogues are complete: built and
# checked like the others, but into _build/preview/, and offered nowhere (not in the
# switcher, the root page, hreflang or the sitemap).  Release one by removing it here.
site_unreleased: list[str] = []
# Browser languages that the root page sends to a language besides its own tag:
# Hong Kong, Macao and any Traditional-script Chinese read the Taiwan edition.
site_language_aliases = {"zh_TW": ["zh-HK", "zh-MO", "zh-Hant"]}
language = "en"

# -- General -------------------------------------------------------------------

extensions = [
    # Sphinx's own
    "sphinx.ext.autodoc",
    # Third-party
    "myst_parser",
    "sphinx_autodoc_typehints",
    "sphinx_copybutton",
    "sphinxext.opengraph",
    "notfound.extension",
    # Ours (conf/socksite/): snippets, glossary, language switcher, search;
    # then what readers meet around the text (anchors, 404 page, search scope)
    "socksite.ext",
    "socksite.reader",
]

root_doc = "index"
# _fragments are included into pages, never pages of their own.
exclude_patterns = ["_build", "_fragments"]
# Every reference must resolve: a broken {py:meth} is a build error.
nitpicky = True
# sphinx-autodoc-typehints 3.6 (the newest on Python 3.11) calls an API that
# Sphinx 9.0 deprecates; the Python warning says nothing about this site.
warnings.filterwarnings("ignore", "'sphinx_autodoc_typehints", DeprecationWarning)
suppress_warnings = [
    # sphinx-autodoc-typehints (3.6 on Python 3.11) executes the TYPE_CHECKING
    # blocks of the libraries our code imports (Sphinx, Babel) and reports
    # their failures; they say nothing about this site's own type hints.
    "sphinx_autodoc_typehints.guarded_import",
    "sphinx_autodoc_typehints.forward_reference",
]

# -- API reference (docs/api.md) ----------------------------------------------

# Show every parameter's type from the type hints, documented or not.
always_document_param_types = True
autodoc_member_order = "bysource"
# Show defaults as written (PYPROJECT), not as the path of the build machine.
autodoc_preserve_defaults = True

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",
    "deflist",
]

# -- Internationalisation ------------------------------------------------------

# locale_dirs resolves against the source folder (docs/), unlike the paths
# under "HTML" below, which resolve against this folder.
locale_dirs = ["../locale"]
# Split pot files one per page: translators work page by page.
gettext_compact = False
# No location comments: they change whenever a line moves and bury the diff.
gettext_location = False
gettext_uuid = False
# Index entries are translated (they feed the index page and rank search
# results); code never goes through gettext: snippets are files shared by
# both languages.
gettext_additional_targets = ["index"]

# -- HTML ----------------------------------------------------------------------

html_theme = "furo"
html_title = "Python socket methods"
templates_path = ["templates"]
html_static_path = ["static"]
html_css_files = ["site.css"]
html_js_files = [("site.js", {"defer": "defer"})]
html_favicon = "static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
# No module index: the only modules declared are the site's own (the API page).
html_domain_indices = False
html_theme_options = {
    "top_of_page_buttons": [],
}

# The search page is the site's own (socksite.search: an index of sections).
# SOCKSITE_SEARCH=sphinx builds with Sphinx's built-in search instead, only so that
# `nox -s bench` can measure the site's search against it, side by side.
socksite_search = os.environ.get("SOCKSITE_SEARCH", "site")
html_additional_pages = {"search": "site-search.html"} if socksite_search == "site" else {}

# The copy button copies the command, not the prompt or the output below it.
copybutton_prompt_text = "$ "
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos"

# -- Hosting -------------------------------------------------------------------

# Where the site is published, a full URL: each language lives under <base>/<folder>/.
# Canonical links, Open Graph URLs, hreflang alternates and the sitemap are
# derived from it by socksite.  Read the Docs says where it publishes.  Without
# it, none of them is written (a page must not tell search engines it lives
# somewhere it does not), and the 404 page links to absolute paths from the
# host's root.
site_base_url = os.environ.get("SOCKSITE_BASE_URL", "")
# No generated social-card images: they need matplotlib and make every page heavier.
ogp_social_cards = {"enable": False}
ogp_type = "article"

# -- Site code (conf/socksite) -------------------------------------------------

# Where the runnable examples live, relative to this folder.
snippets_dir = "../snippets"
# Task-oriented pages that combine methods; each method page links to the guides using it.
guide_pattern = "guide-*"
