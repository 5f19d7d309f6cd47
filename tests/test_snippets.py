"""Every snippet runs, over loopback only, and prints exactly its recorded output."""

from __future__ import annotations

import functools
import os
import platform
import re

import pytest
from conftest import DOCS, PAGES

import harness
from socksite.metadata import operating_systems, python_versions

SNIPPETS = harness.discover()
#: Every Python the project says it supports (pyproject.toml's classifiers).
PYTHONS = python_versions()
USES = re.compile(r"^```\{snippet\}\s+(\S+)", re.MULTILINE)


def snippet_uses() -> dict[str, list[str]]:
    """Page name -> the snippets it shows."""
    return {page: USES.findall((DOCS / f"{page}.md").read_text(encoding="utf-8")) for page in PAGES}


def interpreter(version: str) -> harness.Python:
    """How to start CPython *version*; skipped locally when missing, a failure in CI."""
    found = harness.find_python(version)
    if found is None:
        reason = harness.missing_python(version)
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the snippets on every supported Python: {reason}")
        pytest.skip(reason)
    return found


def test_snippets_run_on_a_system_the_pages_name() -> None:
    assert platform.system() in operating_systems(), (
        f"the pages say the snippets are checked on {operating_systems()}, but this is {platform.system()}: "
        "update the Operating System classifiers in pyproject.toml"
    )


@functools.cache
def runs(python: harness.Python) -> dict[str, harness.Run]:
    """Every snippet run once with *python*, all together (the first test for each Python waits for them)."""
    return {run.snippet.name: run for run in harness.run_all(SNIPPETS, python)}


@pytest.mark.parametrize("version", PYTHONS)
@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda snippet: snippet.name)
def test_snippet_prints_its_recorded_output(snippet: harness.Snippet, version: str) -> None:
    result = runs(interpreter(version))[snippet.name]
    if result.skipped:
        pytest.skip(f"{snippet.code.name}: {result.skipped}")
    problems = result.problems()
    assert not problems, "\n".join(problems)


def test_every_snippet_is_shown_on_exactly_one_page() -> None:
    shown: dict[str, list[str]] = {}
    for page, names in snippet_uses().items():
        for name in names:
            shown.setdefault(name, []).append(page)
    for snippet in SNIPPETS:
        pages = shown.get(snippet.name, [])
        assert len(pages) == 1, f"snippets/{snippet.name}.py is shown on {pages or 'no page'}, not exactly one"
    missing = sorted(set(shown) - {snippet.name for snippet in SNIPPETS})
    assert not missing, f"pages show snippets that do not exist: {missing}"


def test_every_page_that_declares_an_api_has_a_snippet() -> None:
    declares = re.compile(r"^```\{py:(method|class|function|attribute)\}", re.MULTILINE)
    without = [
        page
        for page, names in snippet_uses().items()
        if not names and declares.search((DOCS / f"{page}.md").read_text(encoding="utf-8"))
    ]
    assert not without, f"pages that document an API but show no snippet: {without}"


#: How long something waits, as the "Try it" sections say it in words or digits.
DURATION = re.compile(r"\b(\d+(?:\.\d+)?) seconds?\b|\b(a tenth of a second|half a second)\b")
DURATION_WORDS = {"a tenth of a second": "0.1", "half a second": "0.5"}


@pytest.mark.parametrize("page", sorted(snippet_uses()))
def test_durations_a_page_names_are_the_ones_its_example_uses(page: str) -> None:
    """A "waits 0.1 seconds" in the text must not outlive a change of the example's timeout."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    _, _, try_it = text.partition("\n## Try it\n")
    code = "".join(harness.SNIPPETS.joinpath(f"{name}.py").read_text(encoding="utf-8") for name in snippet_uses()[page])
    for match in DURATION.finditer(try_it):
        value = match.group(1) or DURATION_WORDS[match.group(2)]
        assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d.])", code), (
            f"docs/{page}.md says {match.group(0)!r} in its Try it section, "
            f"but its example never uses {value}"
        )
