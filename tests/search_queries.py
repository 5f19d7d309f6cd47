"""The readers' query list (tests/data/search_queries.csv), searched on the site's search page.

Shared by tests/test_search.py (the list must pass) and tests/bench.py (how fast, how heavy).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from docutils.nodes import make_id

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "search_queries.csv"
#: Found means: among the first three results (the reader's first screen).
TOP = 3


@dataclass(frozen=True)
class Query:
    """One query of the list: what a reader types, and the place that answers it."""

    language: str
    text: str
    page: str
    section: str | None
    line: int

    @property
    def folder(self) -> str:
        return self.language.replace("_", "-").lower()


def load_queries(path: Path = QUERIES) -> list[Query]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    queries = []
    for line, row in enumerate(rows, start=2):
        page, _, label = row["expected"].partition("#")
        queries.append(Query(row["language"], row["query"], page, make_id(label) if label else None, line))
    return queries


class _Sections(HTMLParser):
    """Each section id of a page, with the ids of the sections around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.parents: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            section = dict(attrs).get("id")
            if section:
                self.parents[section] = [name for name in self.stack if name]
            self.stack.append(section)

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.stack:
            self.stack.pop()


def sections_around(page_html: str) -> dict[str, list[str]]:
    """Section id -> the ids of the sections that contain it."""
    parser = _Sections()
    parser.feed(page_html)
    return parser.parents


def search(page: Any, site_url: str, folder: str, text: str, *, timeout: float = 15_000) -> list[str]:
    """Search on the site's search page as a reader does; the result links, best first (``page#section``)."""
    page.goto(f"{site_url}{folder}/search.html?q={quote(text)}")
    page.wait_for_function(
        "() => document.querySelector('#site-search-results[data-complete]')"
        " || !document.getElementById('site-search-nothing').hidden",
        timeout=timeout,
    )
    hrefs = page.eval_on_selector_all("#site-search-results .site-search-title", "links => links.map(a => a.href)")
    places = []
    for href in hrefs:
        parts = urlsplit(href)
        name = unquote(parts.path.rsplit("/", 1)[-1]).removesuffix(".html")
        places.append(f"{name}#{unquote(parts.fragment)}" if parts.fragment else name)
    return places


def answers(query: Query, place: str, site: Path) -> bool:
    """Whether a result *place* is the query's answer: its page, or its section or one inside it."""
    name, _, section = place.partition("#")
    if name != query.page:
        return False
    if query.section is None or section == query.section:
        return True
    if not section:
        return False
    around = sections_around((site / query.folder / f"{name}.html").read_text(encoding="utf-8"))
    return query.section in around.get(section, [])


def records(folder: Path) -> list[dict[str, Any]]:
    """The records of one language's search index (``_search/r/N.json``), each with its ``number``, sorted by URL."""
    found = []
    for path in (folder / "_search" / "r").glob("*.json"):
        found.append({"number": int(path.stem), **json.loads(path.read_text(encoding="utf-8"))})
    return sorted(found, key=lambda record: record["url"])


def shard_files(folder: Path) -> dict[str, dict[str, Any]]:
    """The shard files of one language's search index (``_search/NN.json``), by name."""
    paths = sorted((folder / "_search").glob("[0-9a-f][0-9a-f].json"))
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in paths}


def chosen_answers(folder: Path, wording: str) -> list[str]:
    """The URLs of the records the index names as the answer to a reader's *wording* (``a`` of its shard)."""
    from socksite.search import QUERY_WORD, answer_key, shard

    key = answer_key(wording)
    numbers = shard_files(folder)[f"{shard(QUERY_WORD.findall(key)[0]):02x}.json"].get("a", {}).get(key, [])
    urls = {record["number"]: record["url"] for record in records(folder)}
    return [urls[number] for number in numbers]
