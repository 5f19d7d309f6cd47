"""Search finds what readers type, in both languages, in a real browser.

The query list (tests/data/search_queries.csv) is the readers' own words: forum titles, pasted
tracebacks, textbook terms, typos.  Each query names the section that answers it, and that section
must be among the first three results.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import LANGUAGES
from search_queries import TOP, answers, load_queries, records, search

pytestmark = pytest.mark.browser

#: The queries of the published languages (a language held back has no site to search yet).
QUERIES = [query for query in load_queries() if query.folder in {language.folder for language in LANGUAGES}]
#: The share of the list that must find its section among the first three results (issue 14:
#: 95 %).  Today the site reaches 98 % in English, 96 % in Simplified Chinese and 100 % in Taiwan's.
TARGET = 0.95
FOLDERS = sorted({query.folder for query in QUERIES})

# The site's own words, by contrast, must each be found, with no allowance: a reader who types
# a term of the glossary or an API name gets its page among the first three results.
#: (query, a page that must be among the first three results)
CHINESE = [
    ("套接字", "socket"),
    ("创建套接字", "socket"),
    ("地址族", "socket"),
    ("套接字绑定", "bind"),
    ("临时端口", "bind"),
    ("监听", "listen"),
    ("接受连接", "accept"),
    ("连接被拒绝", "connect_ex"),
    ("接收数据", "recv"),
    ("数据报", "recvfrom"),
    ("发送全部数据", "sendall"),
    ("关闭套接字", "close"),
    ("对端地址", "getpeername"),
    ("套接字选项", "setsockopt"),
    ("非阻塞", "setblocking"),
    ("设置超时", "settimeout"),
    ("文件描述符", "fileno"),
    ("文件对象", "makefile"),
]
ENGLISH = [
    ("connect_ex", "connect_ex"),
    ("SO_REUSEADDR", "setsockopt"),
    ("ECONNREFUSED", "connect_ex"),
    ("BlockingIOError", "setblocking"),
    ("makefile", "makefile"),
    ("non-blocking", "setblocking"),
]
#: English API names must be found from the Chinese site too.
CASES = (
    [("zh-cn", query, expected) for query, expected in CHINESE]
    + [("zh-cn", query, expected) for query, expected in ENGLISH[:4]]
    + [("en", query, expected) for query, expected in ENGLISH]
)


@pytest.fixture(scope="module")
def outcomes(chromium: Any, site: Path, site_url: str) -> dict[str, list[tuple[Any, list[str]]]]:
    """Every query of the list, searched once: folder -> [(query, result places)]."""
    tab = chromium.new_context(locale="en-US").new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    found: dict[str, list[tuple[Any, list[str]]]] = defaultdict(list)
    for query in QUERIES:
        found[query.folder].append((query, search(tab, site_url, query.folder, query.text)))
    assert not errors, f"the search page failed: {errors[:3]}"
    return found


@pytest.mark.parametrize(("folder", "query", "expected"), CASES, ids=[f"{f}:{q}" for f, q, _ in CASES])
def test_the_sites_own_words_find_their_page(page: Any, site_url: str, folder: str, query: str, expected: str) -> None:
    names = [place.partition("#")[0] for place in search(page, site_url, folder, query)]
    assert expected in names[:TOP], f"{folder} search for {query!r}: first results {names[:5]}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_query_list_finds_the_answering_section(outcomes: dict[str, Any], site: Path, folder: str) -> None:
    misses = [
        f"  line {query.line}: {query.text!r} -> {query.page}#{query.section or ''}: got {places[:TOP]}"
        for query, places in outcomes[folder]
        if not any(answers(query, place, site) for place in places[:TOP])
    ]
    total = len(outcomes[folder])
    share = 1 - len(misses) / total
    assert share >= TARGET, f"{folder}: {share:.0%} of {total} queries found their section\n" + "\n".join(misses)


def test_every_query_names_a_place_that_exists(site: Path) -> None:
    """A query aimed at a section that was renamed would fail for the wrong reason."""
    known: set[tuple[str, str]] = set()
    for folder in FOLDERS:
        known |= {(folder, record["url"].removesuffix(".html").replace(".html#", "#")) for record in records(site / folder)}
    wrong = [
        f"line {query.line}: {query.page}#{query.section}"
        for query in QUERIES
        if (query.folder, f"{query.page}#{query.section}" if query.section else query.page) not in known
    ]
    assert not wrong, f"the query list names sections the site does not have: {wrong}"


@pytest.mark.parametrize(("folder", "query"), [("en", "ephemeral"), ("zh-cn", "临时端口")])
def test_results_link_sections_and_summarise_them_with_the_matching_sentence(
    page: Any, site_url: str, folder: str, query: str
) -> None:
    places = search(page, site_url, folder, query)
    assert "bind#bind-ephemeral-port" in places[:TOP], places
    for result in page.locator("#site-search-results .site-search-result").all()[:TOP]:
        summary = result.locator(".site-search-summary").inner_text()
        assert query in summary.lower(), f"the summary is not the sentence that matched: {summary!r}"
        assert result.locator(".site-search-summary mark").first.inner_text().lower() == query
        assert len(summary) < 400, f"the summary is more than a sentence: {summary!r}"


@pytest.mark.parametrize(
    ("folder", "query", "unknown"),
    # "qq": two Latin letters in a Chinese query, which no page uses.
    [("en", "zzqxv bind", "zzqxv"), ("zh-cn", "绑定 zzqxv", "zzqxv"), ("zh-cn", "QQ 绑定", "qq")],
)
def test_a_word_that_matches_nothing_is_named_and_the_rest_still_searched(
    page: Any, site_url: str, folder: str, query: str, unknown: str
) -> None:
    places = search(page, site_url, folder, query)
    note = page.locator("#site-search-missing")
    assert note.is_visible() and unknown in note.inner_text(), "the reader is not told which word found nothing"
    assert any(place.startswith("bind") for place in places[:TOP]), f"the other word was not searched: {places}"


@pytest.mark.parametrize("folder", FOLDERS)
def test_nothing_found_offers_the_glossary_the_index_and_the_other_language(
    page: Any, site_url: str, folder: str
) -> None:
    assert search(page, site_url, folder, "zzqxv qqzzv") == []
    panel = page.locator("#site-search-nothing")
    assert panel.is_visible()
    hrefs = panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(href.startswith("glossary.html") for href in hrefs), hrefs
    assert any(href.startswith("genindex.html") for href in hrefs), hrefs
    other = [href for href in hrefs if "search.html" in href]
    assert other and all(href.endswith(f"?q={quote('zzqxv qqzzv')}") for href in other), (
        f"the other language's search does not carry the query: {other}"
    )
    page_words = page.locator("#site-search-missing").inner_text()
    assert "zzqxv" in page_words and "qqzzv" in page_words
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize(("folder", "first", "second"), [("en", "ephemeral", "backlog"), ("zh-cn", "临时端口", "半关闭")])
def test_enter_searches_in_place_and_the_address_and_language_link_keep_the_query(
    page: Any, site_url: str, folder: str, first: str, second: str
) -> None:
    page.goto(f"{site_url}{folder}/search.html")
    done = "() => document.querySelector('#site-search-results[data-complete]')"
    for query in (first, second):
        page.fill("#site-search-query", query)
        page.press("#site-search-query", "Enter")
        page.wait_for_function(done, timeout=15_000)
        assert page.url.endswith(f"search.html?q={quote(query)}"), page.url
        summaries = page.locator("#site-search-results .site-search-summary").all_inner_texts()
        assert summaries and query in summaries[0].lower(), f"{query!r}: the first result is not about it: {summaries[:1]}"
    assert page.locator("#site-search-results .site-search-result").count() <= 10, "the first search's results stayed"
    link = page.locator("a.language-link[data-same-page]:visible").first
    link.click()
    page.wait_for_load_state()
    assert f"?q={quote(second)}" in page.url, f"the language link dropped the query: {page.url}"
    page.go_back()
    page.go_back()
    page.wait_for_function(done, timeout=15_000)
    assert page.input_value("#site-search-query") == first, "Back did not bring the earlier search back"
    assert not page.console_errors, page.console_errors
