"""What a reader meets around the text, checked in the built HTML (the browser tests do the rest).

Index anchors equal in every language, Chinese words marked as Chinese, the 404 pages,
the language switcher on every page, the words around each example, the contributors'
API page kept out of the readers' way, and no address of the site made up.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import LANGUAGES, PAGES, ROOT

from socksite.languages import Language, public_base, root_index_html, site_base_url
from socksite.metadata import checked_on
from socksite.snippets import CHECKED, OUTPUT

SITE_PAGES = [page for page in PAGES if page != "404"]
#: Pages every Sphinx build writes besides the site's own.
TOOL_PAGES = ["search", "genindex"]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def html_of(site: Path, language: Language, page: str) -> str:
    return (site / language.folder / f"{page}.html").read_text(encoding="utf-8")


def theme_words(language: Language, message: str) -> str:
    """*message* as the theme's catalogue (locale/<lang>/LC_MESSAGES/sphinx.po) says it."""
    path = ROOT / "locale" / language.code / "LC_MESSAGES" / "sphinx.po"
    if language == LANGUAGES[0] or not path.is_file():
        return message
    with path.open("rb") as stream:
        entry = read_po(stream).get(message)
    assert entry is not None and entry.string, f"{path.relative_to(ROOT)} does not translate {message!r}"
    return str(entry.string)


class Elements(HTMLParser):
    """Each element's tag, attributes and own text, with the chain of elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.texts: list[tuple[str, list[tuple[str, dict[str, str]]]]] = []
        self.starts: list[tuple[str, dict[str, str], list[tuple[str, dict[str, str]]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        self.starts.append((tag, attributes, list(self.stack)))
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((data, list(self.stack)))


def elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


def has_class(attributes: dict[str, str], name: str) -> bool:
    return name in attributes.get("class", "").split()


# -- Index anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", SITE_PAGES)
def test_index_anchors_are_the_same_in_every_language(site: Path, page: str) -> None:
    """The index links to #index-N; a translated page used to number them differently."""
    anchors = {lang.code: re.findall(r'id="(index-\d+)"', html_of(site, lang, page)) for lang in LANGUAGES}
    first, *rest = anchors.values()
    assert all(other == first for other in rest), f"{page}: index anchors differ: {anchors}"
    assert first == [f"index-{number}" for number in range(len(first))], f"{page}: not numbered in order: {first}"


def test_index_links_reach_their_anchors(site: Path, language: Language) -> None:
    links = set(re.findall(r'href="([^"#]+\.html)#(index-\d+)"', html_of(site, language, "genindex")))
    assert links, "the index links to no index anchor"
    missing = [f"{page}#{anchor}" for page, anchor in sorted(links)
               if f'id="{anchor}"' not in (site / language.folder / page).read_text(encoding="utf-8")]  # fmt: skip
    assert not missing, f"{language.folder}/genindex.html links to missing anchors: {missing}"


# -- Languages of parts ------------------------------------------------------------------------------


def unmarked_chinese(text: str) -> list[str]:
    """Chinese text outside any element marked lang="zh…" (code blocks and the <title> aside)."""
    found = []
    for data, chain in elements(text).texts:
        if not HAN.search(data):
            continue
        if any(tag in {"pre", "script", "style", "title"} for tag, _ in chain):
            continue
        langs = [attributes["lang"] for _, attributes in chain if "lang" in attributes]
        if not langs or not langs[-1].lower().startswith("zh"):
            found.append(data.strip()[:40])
    return found


@pytest.mark.parametrize("page", SITE_PAGES)
def test_chinese_words_on_other_language_pages_are_marked(site: Path, page: str) -> None:
    """Without lang="zh-CN" Chromium draws them with Japanese glyphs, screen readers misread them."""
    for language in LANGUAGES:
        if language.code.startswith("zh"):
            continue
        found = unmarked_chinese(html_of(site, language, page))
        assert not found, f"{language.folder}/{page}.html: Chinese without lang: {found}"


#: Tags of editions written in Traditional characters.
TRADITIONAL = re.compile(r"zh-(tw|hk|mo|hant)\b", re.IGNORECASE)


def not_traditional(text: str) -> list[str]:
    """The Han characters of *text*, outside code and other languages' parts, that Big5 lacks,
    and Chinese marked as another Chinese (Simplified glyphs, a mainland voice) outside the switcher.

    Big5 (code page 950) is the Traditional character set Taiwan's software uses: a
    Simplified-only character (这, 们, 数) is not in it.
    """
    found = []
    for data, chain in elements(text).texts:
        if any(tag in {"pre", "code", "script", "style"} for tag, _ in chain):
            continue
        langs = [attributes["lang"] for _, attributes in chain if "lang" in attributes]
        if langs and not TRADITIONAL.match(langs[-1]):
            # Another language's words: only the switcher names the other Chinese (简体中文).
            switcher = any(has_class(attributes, "language-switcher") for _, attributes in chain)
            if not langs[-1].lower().startswith("zh") or switcher:
                continue
            found.append(f"marked {langs[-1]}: {data.strip()[:30]!r}")
            continue
        for char in "".join(HAN.findall(data)):
            try:
                char.encode("cp950")
            except UnicodeEncodeError:
                found.append(f"{char} in {data.strip()[:30]!r}")
    return found


def test_traditional_check_finds_a_simplified_character() -> None:
    page = (
        '<html lang="zh-TW"><nav class="language-switcher"><a lang="zh-CN">简体中文</a></nav>'
        '<p>這是範例</p><p lang="en">English</p><pre>这</pre><p>这裡</p><p lang="zh-CN">這是範例</p></html>'
    )
    assert not_traditional(page) == ["这 in '这裡'", "marked zh-CN: '這是範例'"]


#: The contributors' API page is the site's docstrings, in English in every edition; they quote
#: Simplified words on purpose (中英对照, jieba's 连接埠).
IN_ENGLISH_EVERYWHERE = {"api"}


@pytest.mark.parametrize("page", [page for page in SITE_PAGES if page not in IN_ENGLISH_EVERYWHERE])
def test_traditional_editions_have_no_simplified_character(site: Path, page: str) -> None:
    for language in LANGUAGES:
        if TRADITIONAL.match(language.tag):
            found = not_traditional(html_of(site, language, page))
            assert not found, f"{language.folder}/{page}.html: not Traditional: {found[:10]}"


def test_root_page_marks_each_title_with_its_language(site: Path) -> None:
    root = (site / "index.html").read_text(encoding="utf-8")
    assert not unmarked_chinese(root), unmarked_chinese(root)
    page = root_index_html(LANGUAGES, title={lang: f"Title {lang.code}" for lang in LANGUAGES})
    for lang in LANGUAGES[1:]:
        assert f'<span lang="{lang.tag}">Title {lang.code}</span>' in page


# -- Language switcher -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [*SITE_PAGES, *TOOL_PAGES])
def test_switcher_is_on_every_page_and_in_the_phone_header(site: Path, language: Language, page: str) -> None:
    found = elements(html_of(site, language, page))
    places = {
        where: [
            chain
            for tag, attributes, chain in found.starts
            if tag == "nav" and has_class(attributes, f"language-switcher-{where}")
        ]
        for where in ("article", "header")
    }
    assert len(places["article"]) == 1 and any(tag == "article" for tag, _ in places["article"][0]), f"{page}: {places}"
    assert len(places["header"]) == 1 and any(has_class(a, "mobile-header") for _, a in places["header"][0]), page
    links = [a for tag, a, chain in found.starts if tag == "a" and has_class(a, "language-link")]
    others = {lang.folder for lang in LANGUAGES if lang != language}
    assert sorted(link["data-language"] for link in links) == sorted([*others, *others])
    assert all(link["href"].endswith(f"/{link['data-language']}/{page}.html") for link in links), links


# -- The words around each example ---------------------------------------------------------------------


def test_output_block_is_labelled_and_the_checked_line_explains_itself(site: Path, language: Language) -> None:
    text = html_of(site, language, "bind")
    label = re.findall(r'<div class="literal-block-wrapper snippet-output[^"]*"[^>]*>\s*<div class="code-block-caption">'
                       r'<span class="[^"]*caption-text">([^<]*)</span>', text)  # fmt: skip
    assert label == [theme_words(language, OUTPUT)], label
    checked = re.findall(r'<p class="snippet-checked">([^<]*)</p>', text)
    assert checked == [theme_words(language, CHECKED) % {"platforms": checked_on()}], checked


def test_site_words_for_the_script_are_translated(site: Path, language: Language) -> None:
    found = re.search(r'<script type="application/json" id="site-data">(.*?)</script>', html_of(site, language, "bind"))
    assert found, "no #site-data on the page"
    words = json.loads(found[1])
    assert words["copyCode"] == theme_words(language, "Copy code")
    assert words["copyCommand"] == theme_words(language, "Copy command")


# -- 404 pages -----------------------------------------------------------------------------------------


def not_found_links(path: Path) -> list[str]:
    found = elements(path.read_text(encoding="utf-8"))
    return [
        attributes["href"]
        for tag, attributes, chain in found.starts
        if tag == "a" and "href" in attributes and any(t == "article" for t, _ in chain)
    ]


def test_not_found_page_links_are_absolute(site: Path, language: Language) -> None:
    """It is served at any missing address, /zh-cn/library/socket.html too: relative links 404 again."""
    links = not_found_links(site / language.folder / "404.html")
    assert any(link.endswith(f"/{language.folder}/index.html") for link in links), links
    relative = [link for link in links if not link.startswith(("/", "#", "http://", "https://"))]
    assert not relative, f"{language.folder}/404.html links relative to the missing address: {relative}"


def test_root_not_found_page_for_hosts_that_serve_only_one(site: Path) -> None:
    root = site / "404.html"
    assert root.is_file(), "no 404.html at the site's root (GitHub Pages serves only that one)"
    links = not_found_links(root)
    assert links and all(link.startswith(("/", "#", "http")) for link in links), links


# -- The contributors' API page ------------------------------------------------------------------------


def test_api_page_is_out_of_the_readers_sidebar_but_linked_for_contributors(site: Path, language: Language) -> None:
    for page in SITE_PAGES:
        text = html_of(site, language, page)
        sidebar = re.search(r'<aside class="sidebar-drawer">(.*?)</aside>', text, re.S)
        assert sidebar, f"{page}: no sidebar"
        assert 'href="api.html"' not in sidebar[1], f"{language.folder}/{page}.html: the API page is in the sidebar"
    assert 'href="api.html' in html_of(site, language, "contributing"), "the contributing page must link the API page"


def test_site_code_is_out_of_the_index_and_the_search(site: Path, language: Language) -> None:
    assert "socksite" not in html_of(site, language, "genindex"), "the index lists the site's own code"
    from search_queries import records

    found = records(site / language.folder)
    assert len(found) > 200, "the search index has too few sections to judge"
    pages = {record["url"].split(".html")[0] for record in found}
    assert "api" not in pages and "404" not in pages, "search finds the API page or the 404 page"
    # The API page documents objects such as socksite.search.shard; no section of the readers' pages names one.
    code = [record["url"] for record in found if re.search(r"\bsocksite\.\w+\.\w", record["text"] + record["entries"])]
    assert not code, f"search finds the site's code: {code}"


def test_every_word_of_the_search_index_leads_to_a_record(site: Path, language: Language) -> None:
    """Every shard is written, holds only words that belong in it, and names only records that exist."""
    from search_queries import records, shard_files

    from socksite.search import HAN as HAN_RUN
    from socksite.search import SHARDS, shard

    folder = site / language.folder
    shards = shard_files(folder)
    assert sorted(shards) == [f"{number:02x}.json" for number in range(SHARDS)], "a shard file is missing"
    numbers = {record["number"] for record in records(folder)}
    assert numbers == set(range(len(numbers))), "the records are not numbered 0, 1, 2…"
    headings = json.loads((folder / "_search" / "headings.json").read_text(encoding="utf-8"))
    by_number = sorted(records(folder), key=lambda record: record["number"])
    assert headings == [[record["url"], record["title"], record["page"]] for record in by_number], (
        "the results are listed with other records' titles"
    )
    wrong, unknown = [], set()
    for name, kinds in shards.items():
        for word, flat in kinds.get("w", {}).items():
            if f"{shard(word):02x}.json" != name:
                wrong.append(word)
            unknown |= set(flat[::2]) - numbers
        for kind in ("a", "p"):
            for found in kinds.get(kind, {}).values():
                unknown |= set(found) - numbers
    assert not wrong, f"words in the wrong shard (the search page would not find them): {wrong[:5]}"
    assert not unknown, f"the index names records that were not written: {sorted(unknown)[:5]}"
    # The search page cuts Chinese with the word list alone: it must hold exactly the index's words.
    words = folder / "_search" / "words.json"
    chinese = {word for kinds in shards.values() for word in kinds.get("w", {}) if len(word) > 1 and HAN_RUN.fullmatch(word)}
    if language.code.startswith("zh"):
        assert set(json.loads(words.read_text(encoding="utf-8"))) == chinese, "words.json and the shards disagree"
    else:
        assert not words.exists(), "a language whose text is not cut has a Chinese word list"


def test_a_failed_index_write_leaves_the_earlier_index_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from socksite import search

    site = search.SiteIndex("en", {}, search.Words(None))
    site.records["bind"] = [search.Record(url="bind.html", title="bind()", page="bind()", text="Bind a socket.")]
    output = tmp_path / search.OUTPUT
    search.write_files(site, output)
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    written = 0

    def fail_half_way(path: Path, value: object) -> None:
        nonlocal written
        written += 1
        if written > 10:
            raise OSError("disk full")
        path.write_text("broken", encoding="utf-8")

    monkeypatch.setattr(search, "_write_json", fail_half_way)
    with pytest.raises(OSError, match="disk full"):
        search.write_files(site, output)
    after = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert after == before, "a failed write changed the published index"
    assert [path.name for path in tmp_path.iterdir()] == [search.OUTPUT], "a half-written folder was left behind"


def test_api_page_shows_no_path_of_the_build_machine(site: Path, language: Language) -> None:
    text = html_of(site, language, "api")
    for leak in (str(ROOT), "PosixPath("):
        assert leak not in text, f"{language.folder}/api.html shows {leak!r}"


# -- Addresses of the site -------------------------------------------------------------------------------


def test_public_base_accepts_only_full_addresses() -> None:
    assert public_base("https://socket.example/docs") == "https://socket.example/docs/"
    assert public_base("") is None and public_base("/docs/") is None and public_base("127.0.0.1:8000") is None


@pytest.mark.parametrize("page", ["index", "bind"])
def test_no_made_up_address_without_a_public_one(site: Path, language: Language, page: str) -> None:
    """Canonical links, og:url, alternates and the sitemap name the configured address, or are absent."""
    text = html_of(site, language, page)
    base = site_base_url()
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)"', text)
    og_url = re.findall(r'<meta property="og:url" content="([^"]*)"', text)
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]*" href="([^"]*)"', text)
    if not base:
        assert not canonical and not og_url and not alternates, (canonical, og_url, alternates)
        assert not (site / "sitemap.xml").exists(), "a sitemap without the site's address"
        assert "127.0.0.1" not in (site / "index.html").read_text(encoding="utf-8")
    else:
        expected = f"{base}{language.folder}/{page}.html"
        assert canonical == [expected] and og_url == [expected], (canonical, og_url)
        assert all(url.startswith(base) for url in alternates) and len(alternates) == len(LANGUAGES)
        assert (site / "sitemap.xml").is_file()


def test_a_chinese_reader_word_longer_than_the_search_page_reads_is_named(caplog: pytest.LogCaptureFixture) -> None:
    """The search page looks for Chinese words of at most LONGEST_WORD characters: a longer one could never be found."""
    import logging
    from types import SimpleNamespace

    from socksite import search

    long_row = search.VocabularyRow("zh_CN", "连" * (search.LONGEST_WORD + 1), "bind", None, 7)
    short_row = search.VocabularyRow("zh_CN", "连" * search.LONGEST_WORD, "bind", None, 8)
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html", search=True),
        config=SimpleNamespace(socksite_search="site", language="zh_CN"),
        socksite_vocabulary=[long_row, short_row],
    )
    with caplog.at_level(logging.WARNING):
        search.start_index(app)  # type: ignore[arg-type]
    assert "vocabulary.csv:7:" in caplog.text, caplog.text
    assert "vocabulary.csv:8:" not in caplog.text
