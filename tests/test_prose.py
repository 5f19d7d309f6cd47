"""Prose that quotes an example's output says what the example prints.

A page's "Try it" section, and every section of a guide that shows an example, may
name values the example prints: `b'hello'`, `ECONNREFUSED`, `True`, "5 bytes", "0.1
seconds". Each must be in the recorded output (snippets/NAME.out) or in the example's
code, in the English page and in the Chinese translation of its paragraphs; otherwise
the text outlived a change of the example. A check that fails names the page and line
(or the catalogue and line). tests/fixtures/prose/ holds a page where it must fail.
"""

from __future__ import annotations

import ast
import errno
import re
from pathlib import Path

import pytest
from conftest import DOCS, PAGES, ROOT

import catalogue_checks as checks
import harness

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "prose"
USES = re.compile(r"^```\{snippet\}\s+(\S+)", re.MULTILINE)
HEADING = re.compile(r"^(#{1,6}) ")
FENCE = re.compile(r"^(`{3,}|:{3,})")
ERRNO_NAMES = set(errno.errorcode.values())

#: How prose names an amount the example prints or uses, outside code spans: a count of
#: bytes or a duration, in digits (thousands with commas) or in the words of AMOUNT_WORDS.
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
AMOUNT = {
    "en": re.compile(rf"\b{NUMBER} (bytes?|seconds?)\b|\b(a tenth of a second|half a second)\b"),
    "zh_CN": re.compile(rf"(?<![\d.,]){NUMBER} ?个?(字节|秒)|(十分之一秒|半秒)"),
}
AMOUNT_WORDS = {"a tenth of a second": "0.1", "half a second": "0.5", "十分之一秒": "0.1", "半秒": "0.5"}
BYTES_LITERAL = re.compile(r"""\bb(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")
#: Values that a paragraph states and the example does not print, with the reason:
#: (page, the literal as written or the number of an amount) -> why.
NOT_OUTPUT = {
    ("guide-framing", "b'\\x00\\x00\\x00\\x05'"): 'the value of struct.pack("!I", 5), explained in the text',
    ("guide-framing", "4294967295"): "the largest length a 4-byte header can hold",
    ("guide-framing", 'b""'): "what recv() returns at the end of a stream; the code tests `if not chunk`",
}


def sections(page: Path) -> list[tuple[list[tuple[int, str]], list[str]]]:
    """The page's top-level sections (a `#` or `##` heading with what follows) that show
    examples: (numbered lines of prose outside fenced blocks, names of the examples)."""
    found: list[tuple[list[tuple[int, str]], list[str]]] = []
    lines: list[tuple[int, str]] = []
    names: list[str] = []
    fence = ""
    for number, line in enumerate([*page.read_text(encoding="utf-8").splitlines(), "# end"], start=1):
        opening = FENCE.match(line)
        if fence:
            if line.strip() == fence:
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            names += USES.findall(line)
            continue
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) <= 2:
            if names:
                found.append((lines, names))
            lines, names = [], []
        lines.append((number, line))
    return found


def literal_value(literal: str) -> tuple[object] | None:
    """The value written in backquotes, if it is one: a Python literal (`b'hello'`, `True`,
    `0.1`, `"127.0.0.1"`) or an errno name (`ECONNREFUSED`); None for code and names (`recv()`)."""
    if literal in ERRNO_NAMES:
        return (literal,)
    try:
        return (ast.literal_eval(literal),)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def shown(literal: str, output: str, code: str) -> bool:
    """Whether the value written in backquotes is printed by the example or written in its code."""
    if literal in output or literal in code:
        return True
    found = literal_value(literal)
    if found is None or literal in ERRNO_NAMES:
        return found is None
    forms = {repr(found[0]), str(found[0])}
    if isinstance(found[0], bytes):
        forms.add(found[0].decode("utf-8", "replace"))
    return any(form and form in output for form in forms)


def byte_counts(text: str) -> set[int]:
    """The lengths of the bytes literals in *text*: "12 bytes" may be the length of b"hello, world"."""
    counts = set()
    for literal in BYTES_LITERAL.findall(text):
        try:
            counts.add(len(ast.literal_eval(literal)))
        except (ValueError, SyntaxError):
            pass
    return counts


def amount_shown(value: str, unit: str, output: str, code: str) -> bool:
    """Whether the number of a "5 bytes" or "0.1 seconds" is printed by the example or in its code
    (for bytes: or is the length of a bytes object it prints or sends)."""
    number = re.compile(rf"(?<![\w.]){re.escape(value)}(?![\w]|\.\d)")
    if number.search(output) or number.search(code):
        return True
    return unit in {"byte", "bytes", "字节"} and value.isdigit() and int(value) in byte_counts(output + code)


def unshown_values(text: str, language: str, output: str, code: str) -> list[tuple[int, str, str]]:
    """The values *text* names that the example neither prints nor contains:
    (offset in *text*, the words of the text, the value as NOT_OUTPUT names it)."""
    found = []
    text = text.replace("\n", " ")  # a claim may span a line break; the offsets stay the same
    for match in checks.CODE.finditer(checks.ROLE.sub(lambda role: " " * len(role.group(0)), text)):
        literal = match.group(1)
        if literal_value(literal) is not None and not shown(literal, output, code):
            found.append((match.start(), f"`{literal}`", literal))
    for match in AMOUNT[language].finditer(text):
        number, unit, words = match.groups()
        value = number.replace(",", "") if number else AMOUNT_WORDS[words]
        if not amount_shown(value, unit or "", output, code):
            found.append((match.start(), repr(" ".join(match.group(0).split())), value))
    return found


def unshown(
    page: Path, snippets: Path = harness.SNIPPETS, catalogue: Path | None = None
) -> list[tuple[str, str, str]]:
    """Every value that the example sections of *page*, or their translation in *catalogue*,
    name and the example does not show: ("file:line", what the text says, the value)."""
    found = []
    messages = checks.translated(checks.load(catalogue)) if catalogue else []
    for lines, names in sections(page):
        output = "".join(
            (snippets / f"{name}.out").read_text(encoding="utf-8")
            for name in names
            if (snippets / f"{name}.out").is_file()
        )
        code = "".join((snippets / f"{name}.py").read_text(encoding="utf-8") for name in names)
        neither = "is in neither " + ", ".join(f"{name}.out / {name}.py" for name in names)
        text = "\n".join(line for _, line in lines)
        for offset, words, value in unshown_values(text, "en", output, code):
            number = lines[text.count("\n", 0, offset)][0]
            found.append((f"{checks.where(page)}:{number}", f"{words} {neither}", value))
        # The translation of each paragraph of the section, found by its msgid.
        section = " ".join(text.split())
        for message in messages:
            if " ".join(message.id.split()) in section:
                for _, words, value in unshown_values(message.string, "zh_CN", output, code):
                    found.append((f"{checks.where(catalogue or page)}:{message.lineno}", f"{words} {neither}", value))
    return found


def prose_problems(page: Path, snippets: Path = harness.SNIPPETS, catalogue: Path | None = None) -> list[str]:
    """Values that the example sections of *page*, and their translation in *catalogue*, name wrongly."""
    return [
        f"{place}: {words}"
        for place, words, value in unshown(page, snippets, catalogue)
        if (page.stem, value) not in NOT_OUTPUT
    ]


def catalogue_of(page: str) -> Path | None:
    catalogue = ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / f"{page}.po"
    return catalogue if catalogue.is_file() else None


@pytest.mark.parametrize("page", PAGES)
def test_prose_names_what_the_example_prints(page: str) -> None:
    problems = prose_problems(DOCS / f"{page}.md", catalogue=catalogue_of(page))
    assert not problems, "\n".join(problems)


def test_every_exception_is_still_needed() -> None:
    """A value in NOT_OUTPUT that no page names any more must go."""
    named = {
        (page, value)
        for page in {page for page, _ in NOT_OUTPUT}
        for _, _, value in unshown(DOCS / f"{page}.md", catalogue=catalogue_of(page))
    }
    stale = sorted(set(NOT_OUTPUT) - named)
    assert not stale, f"test_prose.NOT_OUTPUT names values that the pages no longer name: {stale}"


def test_prose_check_reports_a_wrong_value_with_page_and_line() -> None:
    problems = "\n".join(prose_problems(FIXTURES / "page.md", FIXTURES, FIXTURES / "page.po"))
    for expected in [
        "tests/fixtures/prose/page.md:20: `b'helo'` is in neither example.out / example.py",
        "tests/fixtures/prose/page.md:21: `ECONNRESET` is in neither",
        "tests/fixtures/prose/page.md:21: '6 bytes' is in neither",
        "tests/fixtures/prose/page.md:22: 'half a second' is in neither",
        "tests/fixtures/prose/page.po:10: `False` is in neither",
        "tests/fixtures/prose/page.po:13: '7 个字节' is in neither",
    ]:
        assert expected in problems, problems
    assert len(problems.splitlines()) == 6, "names of the API, and values the example prints, are fine"
    assert "page.md:5:" not in problems, "only sections that show an example are checked"
