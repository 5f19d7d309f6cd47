"""What search engines and link previews show of each page: its description and the site's name."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import LANGUAGES, PAGES, ROOT

from socksite.languages import Language
from socksite.meta import NEEDLESS_SPACE

SITE_NAME = "Python socket methods"


def site_name(language: Language) -> str:
    """The site's name in *language*: the home page's title, as its catalogue translates it."""
    if language == LANGUAGES[0]:
        return SITE_NAME
    with (ROOT / "locale" / language.code / "LC_MESSAGES" / "index.po").open("rb") as stream:
        entry = read_po(stream).get(SITE_NAME)
    assert entry is not None and entry.string, f"locale/{language.code}/LC_MESSAGES/index.po does not name the site"
    return str(entry.string)


def meta(text: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', text)
    return html.unescape(found[1]) if found else None


@pytest.mark.parametrize("page", [page for page in PAGES if page != "404"])
def test_descriptions_are_spaced_as_their_language_writes(site: Path, language: Language, page: str) -> None:
    text = (site / language.folder / f"{page}.html").read_text(encoding="utf-8")
    for attribute, name in (("property", "og:description"), ("name", "description")):
        description = meta(text, attribute, name)
        assert description, f"{language.folder}/{page}.html has no {name}"
        stray = NEEDLESS_SPACE.search(description)
        assert not stray, f"{language.folder}/{page}.html {name} has a stray space: …{description[max(0, stray.start() - 8):stray.end() + 8]}…"


@pytest.mark.parametrize("page", ["index", "bind", "guide-framing"])
def test_the_site_is_named_in_the_page_language(site: Path, language: Language, page: str) -> None:
    text = (site / language.folder / f"{page}.html").read_text(encoding="utf-8")
    assert meta(text, "property", "og:site_name") == site_name(language)


def test_the_footer_credit_reads_as_its_language(site: Path) -> None:
    """Furo writes "@pradyunsg's Furo"; a Chinese page says 的."""
    for language in LANGUAGES:
        text = (site / language.folder / "bind.html").read_text(encoding="utf-8")
        if language.code == "en":
            assert "@pradyunsg</a>'s" in text
        else:
            assert "@pradyunsg</a>'s" not in text and "@pradyunsg</a> 的" in text, "the footer keeps the English 's"
