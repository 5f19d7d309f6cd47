"""Search finds what readers type, in both languages, in a real browser."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.browser

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


def search(page: Any, site_url: str, folder: str, query: str) -> list[str]:
    """The page names of the results, best first."""
    page.goto(f"{site_url}{folder}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.textContent.trim().length > 0",
        timeout=15_000,
    )
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    names = []
    for href in hrefs:
        name = urlsplit(href).path.rsplit("/", 1)[-1].removesuffix(".html")
        if name not in names:
            names.append(name)
    return names


@pytest.mark.parametrize(("folder", "query", "expected"), CASES, ids=[f"{f}:{q}" for f, q, _ in CASES])
def test_query_finds_the_page(page: Any, site_url: str, folder: str, query: str, expected: str) -> None:
    results = search(page, site_url, folder, query)
    assert expected in results[:3], f"{folder} search for {query!r}: first results {results[:5]}"


@pytest.mark.parametrize("folder", ["en", "zh-cn"])
def test_no_results_message_speaks_as_the_site_does(page: Any, site_url: str, folder: str) -> None:
    """Sphinx's stock Chinese says 您 and mentions categories the site does not have."""
    page.goto(f"{site_url}{folder}/search.html?q=zzqxv")
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.textContent.trim().length > 0",
        timeout=15_000,
    )
    summary = page.inner_text("#search-results .search-summary")
    if folder == "zh-cn":
        assert "您" not in summary and "分类" not in summary, summary
        assert "没有" in summary, summary
    else:
        assert "did not match" in summary, summary
