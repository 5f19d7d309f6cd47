"""The built site: both languages complete, warning-free, and linked to each other."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LANGUAGES, PAGES, ROOT

from socksite.build import BUILD
from socksite.languages import Language, site_base_url


class PageFacts(HTMLParser):
    """The few facts of a page these tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.icons: list[str] = []
        self._in_switcher = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link" and "icon" in a.get("rel", ""):
            self.icons.append(a["href"])
        elif tag == "nav" and "language-switcher" in a.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[a["hreflang"]] = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False


def facts(path: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(page: Path, href: str) -> Path:
    """The file a relative link on *page* points to."""
    resolved = urljoin(page.as_uri(), urlsplit(href).path)
    return Path(urlsplit(resolved).path)


def test_build_logged_no_warnings(site: Path, language: Language) -> None:
    log = BUILD / "logs" / f"html-{language.folder}.log"
    assert log.is_file(), f"{log} is missing: was the site built with socksite.build?"
    assert log.read_text(encoding="utf-8") == "", f"{log.relative_to(ROOT)}:\n{log.read_text(encoding='utf-8')}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_every_language(site: Path, language: Language, page: str) -> None:
    assert (site / language.folder / f"{page}.html").is_file()


NOT_FOUND = "404"
SITE_PAGES = [page for page in PAGES if page != NOT_FOUND]


@pytest.mark.parametrize("page", PAGES)
def test_page_declares_its_language(site: Path, language: Language, page: str) -> None:
    path = site / language.folder / f"{page}.html"
    found = facts(path)
    assert found.lang == language.tag, f"{path}: <html lang={found.lang!r}>"


@pytest.mark.parametrize("page", SITE_PAGES)
def test_page_links_its_translations(site: Path, language: Language, page: str) -> None:
    path = site / language.folder / f"{page}.html"
    found = facts(path)
    base = site_base_url()
    if not base:  # alternates need full URLs: none without the site's public address
        assert not found.alternates, f"{path}: hreflang without SOCKSITE_BASE_URL: {found.alternates}"
        return
    assert set(found.alternates) == {lang.tag for lang in LANGUAGES}, f"{path}: hreflang {found.alternates}"
    for tag, href in found.alternates.items():
        assert href.startswith(base), f"{path}: hreflang={tag} is not an absolute URL of the site: {href}"
        assert (site / href.removeprefix(base)).is_file(), f"{path}: hreflang={tag} points to missing {href}"


@pytest.mark.parametrize("page", SITE_PAGES)
def test_switcher_leads_to_the_same_page_in_each_other_language(site: Path, language: Language, page: str) -> None:
    path = site / language.folder / f"{page}.html"
    switcher = facts(path).switcher
    others = [lang for lang in LANGUAGES if lang != language]
    assert set(switcher) == {lang.tag for lang in others}, f"{path}: switcher links {switcher}"
    for other in others:
        expected = site / other.folder / f"{page}.html"
        assert target(path, switcher[other.tag]) == expected, f"{path}: switcher to {other.tag} is {switcher[other.tag]}"


class SpokenWords(HTMLParser):
    """What a page says only to assistive technology or without JavaScript.

    ``aria-label`` values, the ``<title>`` of each SVG icon, and ``<noscript>``
    text: a reader of a translated page hears these, so they must be translated too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        label = dict(attrs).get("aria-label")
        if label:
            self.words.add(label)
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        inside_icon = "svg" in self._open and self._open[-1:] == ["title"]
        if (inside_icon or "noscript" in self._open) and data.strip():
            self.words.add(" ".join(data.split()))


#: Words meant for readers of every language.
BILINGUAL_WORDS = {"Language / 语言"}


@pytest.mark.parametrize("page", [*PAGES, "search"])
def test_words_for_assistive_technology_are_translated(site: Path, page: str) -> None:
    def spoken(language: Language) -> set[str]:
        parser = SpokenWords()
        parser.feed((site / language.folder / f"{page}.html").read_text(encoding="utf-8"))
        return parser.words

    english = spoken(LANGUAGES[0])
    assert "Toggle site navigation sidebar" in english, "the theme's labels changed: update conf/templates/page.html"
    for language in LANGUAGES[1:]:
        untranslated = sorted(english & spoken(language) - BILINGUAL_WORDS)
        assert not untranslated, f"{language.folder}/{page}.html still says, in English: {untranslated}"


def test_root_page_links_every_language(site: Path) -> None:
    root = (site / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f'href="{language.folder}/index.html"' in root
        assert (site / language.folder / "index.html").is_file()


def test_not_found_page_links_every_home_page_by_absolute_path(site: Path, language: Language) -> None:
    path = site / language.folder / f"{NOT_FOUND}.html"
    found = facts(path)
    assert not found.alternates, f"{path}: a 404 page announces no translations"
    for other in LANGUAGES:
        if other != language:
            href = found.switcher[other.tag]
            assert href.startswith("/") and href.endswith(f"/{other.folder}/index.html"), f"{path}: {href}"
            assert (site / other.folder / "index.html").is_file()


@pytest.mark.parametrize("page", SITE_PAGES)
def test_page_has_description_open_graph_and_icon(site: Path, language: Language, page: str) -> None:
    path = site / language.folder / f"{page}.html"
    found = facts(path)
    assert len(found.meta.get("description", "")) > 20, f"{path}: no meta description"
    # og:url only where the site's public address is known (SOCKSITE_BASE_URL).
    for prop in ("og:title", "og:description", "og:type", *(["og:url"] if site_base_url() else [])):
        assert found.meta.get(prop), f"{path}: no {prop}"
    assert found.icons and all(target(path, href).is_file() for href in found.icons), f"{path}: icons {found.icons}"


def test_sitemap_lists_every_page_in_every_language_with_alternates(site: Path) -> None:
    import xml.etree.ElementTree as ET

    if not site_base_url():
        assert not (site / "sitemap.xml").exists(), "a sitemap without the site's public address"
        return
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site / "sitemap.xml")
    urls = {url.findtext("s:loc", namespaces=namespaces): url for url in tree.getroot()}
    for language in LANGUAGES:
        for page in SITE_PAGES:
            ending = f"/{language.folder}/{page}.html"
            matches = [loc for loc in urls if loc.endswith(ending)]
            assert len(matches) == 1, f"sitemap.xml has {len(matches)} entries for {ending}"
            links = urls[matches[0]].findall("x:link", namespaces)
            assert {link.get("hreflang") for link in links} == {lang.tag for lang in LANGUAGES}
