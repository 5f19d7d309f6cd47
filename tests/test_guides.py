"""Guides: reachable from the home page, linked from the method pages they use, and back."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import DOCS, LANGUAGES, PAGES

from socksite.languages import Language

GUIDE_PATTERN = "guide-*"  # conf.py's guide_pattern
GUIDES = [page for page in PAGES if fnmatch(page, GUIDE_PATTERN)]
#: A link from a guide to an object another page declares: href="bind.html#socket.socket.bind".
OBJECT_LINK = re.compile(r'href="([\w-]+)\.html#(socket\.[\w.]+)"')


def html(site: Path, language: Language, page: str) -> str:
    return (site / language.folder / f"{page}.html").read_text(encoding="utf-8")


def guide_links(text: str) -> list[str]:
    """The pages listed in a page's "Guides that use it" box."""
    box = re.search(r'<aside class="guide-links".*?</aside>', text, re.DOTALL)
    return re.findall(r'href="([\w-]+)\.html"', box.group(0)) if box else []


def test_there_are_guides() -> None:
    assert len(GUIDES) >= 6, GUIDES


@pytest.mark.parametrize("guide", GUIDES)
def test_every_guide_shows_a_checked_example(guide: str) -> None:
    assert "```{snippet}" in (DOCS / f"{guide}.md").read_text(encoding="utf-8"), f"docs/{guide}.md shows no snippet"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_guide_is_one_click_from_the_home_page(site: Path, language: Language, guide: str) -> None:
    home = html(site, language, "index")
    main = home[home.index('<article') : home.index("</article>")]
    assert f'href="{guide}.html"' in main, f"{language.folder}/index.html does not link {guide}.html in its text"


@pytest.mark.parametrize("guide", GUIDES)
def test_method_pages_link_back_to_the_guides_that_use_them(site: Path, language: Language, guide: str) -> None:
    used = sorted({page for page, _ in OBJECT_LINK.findall(html(site, language, guide)) if page != guide})
    assert used, f"{guide} links to no method page"
    missing = [page for page in used if guide not in guide_links(html(site, language, page))]
    assert not missing, f"{language.folder}: these pages are used by {guide} but do not link back: {missing}"


def test_pages_no_guide_uses_have_no_guide_box(site: Path) -> None:
    """The box appears only where it has something to list (the glossary is used by no guide)."""
    for language in LANGUAGES:
        assert 'class="guide-links"' not in html(site, language, "glossary")
