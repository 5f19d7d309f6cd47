"""Speed and weight of the site, as ratios measured in one run (``nox -s bench``).

Absolute times depend on the machine and on what else it is doing; the
ratios compare two measurements taken side by side, so they mean something
on any machine.  Each figure is printed with its target; the exit status is
1 when a target is missed.  Lighthouse runs when ``npx`` and Chromium exist.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "conf"), str(HERE)]

import browser  # noqa: E402
import harness  # noqa: E402
from search_queries import Query, load_queries  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
LIGHTHOUSE_PAGES = ["en/index.html", "en/bind.html", "zh-cn/index.html", "zh-cn/recv.html"]
WEIGHT_PAGES = ["en/bind.html", "zh-cn/bind.html", "en/makefile.html", "zh-cn/makefile.html"]
#: Quick measurements are taken this many times, and the best kept.
ROUNDS = 3
CONF_ENV = {**os.environ, "PYTHONPATH": str(ROOT / "conf")}


@dataclass(frozen=True)
class SearchPage:
    """How a search page is driven: where the reader types, and what shows that results are there."""

    name: str
    box: str
    #: JavaScript: true once the first result (or the answer that there is none) shows.
    first: str
    #: JavaScript: true once the engine says it has finished.
    done: str


OUR_SEARCH = SearchPage(
    "the site's search",
    "#site-search-query",
    "() => document.querySelector('#site-search-results li') || !document.getElementById('site-search-nothing').hidden",
    "() => document.querySelector('#site-search-results[data-complete]')"
    " || !document.getElementById('site-search-nothing').hidden",
)
#: Sphinx's search has finished when its title says so (its summary says so too, but Sphinx's
#: Traditional Chinese catalogue leaves that sentence empty).
SPHINX_FINISHED = (
    "typeof Search !== 'undefined' && document.querySelector('#search-results .search-summary')"
    " && Search.title.innerText === Documentation.gettext('Search Results')"
)
SPHINX_SEARCH = SearchPage(
    "Sphinx's built-in search",
    "input.sidebar-search",
    f"() => document.querySelector('#search-results li') || ({SPHINX_FINISHED})",
    f"() => {SPHINX_FINISHED}",
)


@dataclass
class Figure:
    name: str
    value: float
    target: str
    ok: bool
    context: str = ""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def build_figures() -> list[Figure]:
    """Clean builds of each language alone and of both together, and a rebuild with nothing changed.

    The bilingual build runs the languages side by side, so it is compared with
    the slowest single language (what side-by-side building costs on top) and,
    as context, with the source language alone.
    """
    code = "from socksite.build import build; from socksite.languages import site_languages as s; build(s(){})"
    alone = {}
    for index, name in enumerate(("English", "Chinese")):
        with tempfile.TemporaryDirectory() as folder:
            command = [sys.executable, "-c", code.format(f"[{index}:{index + 1}]")]
            alone[name] = timed(command, {**CONF_ENV, "SOCKSITE_BUILD_DIR": folder})
    with tempfile.TemporaryDirectory() as folder:
        env = {**CONF_ENV, "SOCKSITE_BUILD_DIR": folder}
        both = timed([sys.executable, "-c", code.format("")], env)
        again = timed([sys.executable, "-c", code.format("")], env)
    slowest = max(alone.values())
    return [
        Figure("bilingual clean build ÷ slowest one-language build", both / slowest, "≤ 1.3", both / slowest <= 1.3,
               f"{both:.1f} s ÷ {slowest:.1f} s; English alone {alone['English']:.1f} s "
               f"(ratio {both / alone['English']:.2f}), Chinese alone {alone['Chinese']:.1f} s"),
        Figure("no-change rebuild ÷ clean build", again / both, "≤ 0.15", again / both <= 0.15,
               f"{again:.1f} s ÷ {both:.1f} s"),
    ]  # fmt: skip


def snippet_figure() -> Figure:
    """The harness running every snippet, against as many bare interpreter starts run the same way.

    Both run :data:`harness.WORKERS` at a time.  The floor is ``python -c pass``
    with no options: what a fresh process per snippet would cost before doing
    anything.
    """
    snippets = harness.discover()
    floor_command = [sys.executable, "-c", "pass"]
    floors, suites = [], []
    for _ in range(ROUNDS):  # taken in turns, and the best of each kept: less noise from other work
        with ThreadPoolExecutor(max_workers=harness.WORKERS) as pool:
            start = time.perf_counter()
            list(pool.map(lambda _: subprocess.run(floor_command, check=True), snippets))
            floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        results = harness.run_all(snippets)
        suites.append(time.perf_counter() - start)
    floor, suite = min(floors), min(suites)
    failed = [result.snippet.name for result in results if result.problems()]
    how = "forked from one interpreter" if harness.can_fork() else "a fresh interpreter each"
    return Figure(
        "snippet suite ÷ as many bare `python -c pass` runs", suite / floor, "≤ 1.5", suite / floor <= 1.5 and not failed,
        f"{suite:.2f} s ÷ {floor:.2f} s (best of {ROUNDS}), {len(snippets)} snippets, {how}, "
        f"{harness.WORKERS} at a time"
        + (f"; FAILED: {failed}" if failed else ""),
    )


def weight_figures(site: Path) -> list[Figure]:
    """Bytes a page loads (each file once) from a host that compresses text, and its requests.

    The bytes are what crossed the wire (Chromium's encoded body sizes); the
    uncompressed total is given as context.
    """
    from playwright.sync_api import Request, sync_playwright

    figures = []
    with browser.serve(site, like_a_host=True) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        for page_path in WEIGHT_PAGES:
            context = chromium.new_context()
            page = context.new_page()
            wire: dict[str, int] = {}
            raw: dict[str, int] = {}

            def finished(request: Request) -> None:
                response = request.response()
                if request.url not in wire and response is not None:
                    wire[request.url] = request.sizes()["responseBodySize"]
                    raw[request.url] = len(response.body())

            page.on("requestfinished", finished)
            page.goto(url + page_path)
            page.wait_for_load_state("networkidle")
            context.close()
            outside = [address for address in wire if not address.startswith(url)]
            served = sum(wire.values())
            figures.append(Figure(
                f"{page_path}: KB loaded, gzip as served", served / 1000, "≤ 130", served <= 130_000 and not outside,
                f"{len(wire)} requests, all to the site: {not outside}; {sum(raw.values()) / 1000:.0f} KB uncompressed",
            ))  # fmt: skip
        chromium.close()
    return figures


@dataclass
class Searched:
    """One query, searched once: seconds from Enter to the first and to all results, and bytes fetched."""

    query: Query
    first: float
    complete: float
    bytes: int


#: Runs in every page of a timed search visit, before the page's own scripts: notes when the reader
#: pressed Enter (kept in sessionStorage, as Sphinx's search opens a new page), when the first result
#: showed and when the engine said it had finished, as milliseconds since the epoch.
STOPWATCH = """
(() => {
  const first = %(first)s, done = %(done)s;
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    try {
      if (window.benchFirst === undefined && first()) window.benchFirst = now();
      if (window.benchDone === undefined && done()) window.benchDone = now();
    } catch (error) {}
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter") sessionStorage.setItem("benchEnter", String(performance.timeOrigin + event.timeStamp));
  }, true);
})();
"""
#: The milliseconds from Enter to the first result, and to the last of: the engine saying it has
#: finished, and the last file fetched (Sphinx's search fetches each result's page for its summary
#: after it says so).
LAPS = """() => {
  const enter = Number(sessionStorage.getItem("benchEnter"));
  const fetched = performance.getEntriesByType("resource").map((entry) => performance.timeOrigin + entry.responseEnd);
  return [window.benchFirst - enter, Math.max(window.benchDone, ...fetched) - enter];
}"""


def searched(chromium: Any, url: str, query: Query, engine: SearchPage) -> Searched | None:
    """Open the search page with an empty cache, type *query*, press Enter and time what follows.

    The times are taken inside the page (:data:`STOPWATCH`), from the key
    press to the changes on the page, so they leave out the time Playwright
    takes to pass messages.  Complete means the engine says it has finished
    and no request is still open.  The bytes are everything the visit
    fetched, the search page included, as a host sends them (compressed).
    None: no answer within 30 s.
    """
    from playwright.sync_api import Request
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    context = chromium.new_context()
    context.add_init_script(STOPWATCH % {"first": engine.first, "done": engine.done})
    page = context.new_page()
    wire: dict[str, int] = {}
    pending: set[Request] = set()

    def finished(request: Request) -> None:
        pending.discard(request)
        response = request.response()
        if response is not None:
            wire[request.url] = wire.get(request.url, 0) + request.sizes()["responseBodySize"]

    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", finished)
    page.on("requestfailed", lambda request: pending.discard(request))
    try:
        page.goto(f"{url}{query.folder}/search.html")
        page.wait_for_load_state("networkidle")
        page.fill(engine.box, query.text)
        page.press(engine.box, "Enter")
        page.wait_for_function(engine.done, polling="raf", timeout=30_000)
        page.wait_for_function("() => window.benchFirst !== undefined && window.benchDone !== undefined", timeout=30_000)
        while pending:
            page.wait_for_timeout(1)
        first, complete = page.evaluate(LAPS)
    except PlaywrightTimeoutError:
        return None
    finally:
        context.close()
    return Searched(query, first / 1000, complete / 1000, sum(wire.values()))


def search_figures(site: Path) -> list[Figure]:
    """The site's search against Sphinx's built-in search, on every query of the readers' list.

    Sphinx's search is built into a scratch folder (``SOCKSITE_SEARCH=sphinx``)
    and both are searched in turns, query by query, in one Chromium.  Each
    figure compares one query's measure, the median or the worst of the
    list, for each engine; the targets are twice as fast and half the bytes.
    """
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    ours: list[Searched] = []
    theirs: list[Searched] = []
    failed: list[str] = []
    unanswered: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        env = {**CONF_ENV, "SOCKSITE_BUILD_DIR": folder, "SOCKSITE_SEARCH": "sphinx"}
        subprocess.run([sys.executable, "-m", "socksite.build"], env=env, cwd=ROOT, check=True, capture_output=True)
        with (
            browser.serve(site, like_a_host=True) as our_url,
            browser.serve(Path(folder) / "html", like_a_host=True) as their_url,
            sync_playwright() as playwright,
        ):
            chromium = playwright.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
            broken: set[str] = set()  # languages where a search never answered: not tried again
            for query in queries:  # in turns: both meet the same moments of the machine's load
                if query.folder in broken:
                    continue
                our_try = searched(chromium, our_url, query, OUR_SEARCH)
                their_try = searched(chromium, their_url, query, SPHINX_SEARCH)
                if our_try is None:
                    failed.append(f"{query.text!r} (no more {query.folder})")
                    broken.add(query.folder)
                elif their_try is None:
                    # Sphinx's search, not the site's, failed (Sphinx 9.0's Chinese search answers nothing).
                    unanswered.append(f"{query.text!r} (no more {query.folder})")
                    broken.add(query.folder)
                else:
                    ours.append(our_try)
                    theirs.append(their_try)
            chromium.close()
    if not ours:
        return [Figure("search", 0, "≥ 2", False, f"no query was answered by both: {', '.join(failed + unanswered)}")]
    note = f"; the site's search gave no answer within 30 s to {', '.join(failed)}" if failed else ""
    note += f"; Sphinx's gave none to {', '.join(unanswered)}" if unanswered else ""
    languages = sorted({result.query.folder for result in ours})
    note = f"; languages compared: {', '.join(languages)}{note}"
    figures = []
    for measure, unit in (("first", "ms"), ("complete", "ms"), ("bytes", "KB")):
        for which, pick in (("median", statistics.median_high), ("worst", max)):
            mine = pick(getattr(result, measure) for result in ours)
            sphinx = pick(getattr(result, measure) for result in theirs)
            scale = 1000 if unit == "ms" else 1 / 1000
            context = f"{mine * scale:.0f} {unit} against {sphinx * scale:.0f} {unit}, {len(ours)} queries{note}"
            if which == "worst":
                slowest = max(ours, key=lambda result: getattr(result, measure)).query
                context += f"; the site's worst: {slowest.text!r} ({slowest.folder})"
            if measure == "bytes":
                ratio = mine / sphinx
                figures.append(Figure(f"search, {which} query: bytes fetched, ours ÷ Sphinx's", ratio, "≤ 0.5",
                                      ratio <= 0.5 and not failed, context))  # fmt: skip
            else:
                ratio = sphinx / mine
                what = "first result" if measure == "first" else "all results"
                figures.append(Figure(f"search, {which} query: Enter to {what}, Sphinx's ÷ ours", ratio, "≥ 2",
                                      ratio >= 2 and not failed, context))  # fmt: skip
    return figures


def lighthouse_figures(site: Path) -> list[Figure]:
    """Lighthouse's four scores on a sample of pages in both languages."""
    npx = shutil.which("npx")
    if npx is None:
        return [Figure("Lighthouse", 0, "100", False, "npx is not installed: no Lighthouse scores")]
    figures = []
    env = {**os.environ, "CHROME_PATH": browser.CHROMIUM}
    flags = " ".join(browser.CHROMIUM_ARGS)
    with browser.serve(site, like_a_host=True) as url:
        for page_path in LIGHTHOUSE_PAGES:
            with tempfile.TemporaryDirectory() as folder:
                report = Path(folder) / "report.json"
                subprocess.run(
                    [npx, "--yes", LIGHTHOUSE, url + page_path, "--quiet", f"--chrome-flags={flags}",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--output=json", f"--output-path={report}"],
                    env=env, check=True, capture_output=True, timeout=600,
                )  # fmt: skip
                data = json.loads(report.read_text(encoding="utf-8"))
            scores = {key: round(100 * (value["score"] or 0)) for key, value in data["categories"].items()}
            flagged = [
                audit["id"]
                for audit in data["audits"].values()
                if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
            ]
            figures.append(Figure(
                f"{page_path}: Lighthouse perf/a11y/best/SEO", min(scores.values()), "100 each",
                all(score == 100 for score in scores.values()),
                " / ".join(str(scores[key]) for key in ("performance", "accessibility", "best-practices", "seo"))
                + f"; total byte weight {data['audits']['total-byte-weight']['numericValue'] / 1000:.0f} KB"
                + (f"; flagged: {', '.join(flagged)}" if flagged else ""),
            ))  # fmt: skip
    return figures


def main() -> int:
    site = Path(os.environ.get("SOCKSITE_BUILD_DIR") or ROOT / "_build") / "html"
    if not (site / "index.html").is_file():
        sys.exit(f"{site} is not built: run `nox -s docs` first")
    figures = build_figures() + [snippet_figure()] + weight_figures(site) + search_figures(site)
    if "--no-lighthouse" not in sys.argv:
        figures += lighthouse_figures(site)
    width = max(len(figure.name) for figure in figures)
    print(f"\n{'figure':<{width}}  {'value':>7}  {'target':<8}  ok   context")
    for figure in figures:
        mark = "yes" if figure.ok else "NO"
        print(f"{figure.name:<{width}}  {figure.value:>7.2f}  {figure.target:<8}  {mark:<3}  {figure.context}")
    return 0 if all(figure.ok for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
