"""Lint of the English sources (docs/*.md): the conventions the other checks rely on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, PAGES

def lines_outside_code(path: Path) -> list[tuple[int, str, str]]:
    """(line number, line, previous non-blank line) for every line outside ``` code blocks."""
    result, previous, in_code = [], "", False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code:
            result.append((number, line, previous))
        if line.strip():
            previous = line
    return result


@pytest.mark.parametrize("page", PAGES)
def test_every_section_has_a_label(page: str) -> None:
    """A label before each ## heading keeps the section's id the same in every language."""
    path = DOCS / f"{page}.md"
    missing = [
        f"{path.relative_to(DOCS.parent)}:{number}: no (label)= line before {line!r}"
        for number, line, previous in lines_outside_code(path)
        if line.startswith("## ") and not re.fullmatch(r"\([\w.-]+\)=", previous.strip())
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("page", PAGES)
def test_no_trailing_whitespace_or_tabs(page: str) -> None:
    path = DOCS / f"{page}.md"
    bad = [
        f"{path.relative_to(DOCS.parent)}:{number}: {'tab' if chr(9) in line else 'trailing whitespace'}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line != line.rstrip() or "\t" in line
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("page", PAGES)
def test_source_errors_do_not_come_back(page: str) -> None:
    """The 2013 source text's mistakes, which the fact sheet corrects, stay corrected."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    assert "BUFSIZE" not in text, "the parameter of recv() is bufsize"
    assert not re.search(r"before calling `?call\(\)", text), "shutdown() comes before close(), not call()"
    assert not re.search(r"many systems[^.]*getpeername|getpeername[^.]*many systems", text)
    for match in re.finditer(r"usually 5", text):
        before = text[max(0, match.start() - 200) : match.start()]
        assert "out of date" in text[match.end() : match.end() + 80] or "Older" in before, (
            f"docs/{page}.md: 'usually 5' may only be quoted as obsolete advice"
        )
