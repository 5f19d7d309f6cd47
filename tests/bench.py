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
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "conf"), str(HERE)]

import browser  # noqa: E402
import harness  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
LIGHTHOUSE_PAGES = ["en/index.html", "en/bind.html", "zh-cn/index.html", "zh-cn/recv.html"]
WEIGHT_PAGES = ["en/bind.html", "zh-cn/bind.html", "en/makefile.html", "zh-cn/makefile.html"]
#: Quick measurements are taken this many times, and the best kept.
ROUNDS = 3
CONF_ENV = {**os.environ, "PYTHONPATH": str(ROOT / "conf")}


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
    figures = build_figures() + [snippet_figure()] + weight_figures(site)
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
