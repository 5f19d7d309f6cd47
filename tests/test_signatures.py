"""Every signature a page declares is the one each supported Python really has.

The pages declare the socket API in MyST directives, such as
``{py:method} socket.recv(bufsize: int, flags: int = 0, /) -> bytes``.  These
tests run tests/signatures.py once on every Python of the matrix and compare:
the same parameter names in the same order, and the same kinds (positional-only,
positional-or-keyword, keyword-only) and defaults wherever that Python states
them.  A docstring such as ``recv(buffersize[, flags])`` states names and which
parameters are optional, nothing more.

A page may declare the newest signature on purpose; where an older Python differs,
:data:`KNOWN_DIFFERENCES` says so, one entry per Python and difference, so any
other difference, such as one a new Python release brings, fails.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import DOCS, ROOT

import harness
import signatures
from socksite.metadata import python_versions

SCRIPT = Path(signatures.__file__).resolve()
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "signatures" / "page.md"
#: A declaration: ```{py:method} socket.bind(address, /) -> None (also with ::: fences).
DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{py:(?P<role>method|function|class)\}\s+(?P<signature>.+?)\s*$")
#: Methods that exist only on some systems (their pages say which): skipped where missing.
PLATFORM_ONLY = {"socket.socket.ioctl", "socket.socket.share", "socket.socket.sendmsg_afalg", "socket.fromshare"}
KIND_WORDS = {
    "POSITIONAL_ONLY": "positional-only",
    "POSITIONAL_OR_KEYWORD": "positional-or-keyword",
    "VAR_POSITIONAL": "*args",
    "KEYWORD_ONLY": "keyword-only",
    "VAR_KEYWORD": "**kwargs",
}

#: Differences between a page and a Python that are intended: (object, Python version) ->
#: the differences exactly as this test words them.  Each entry says why.  An entry that no
#: longer matches fails too, so the table only holds what is true.
#: A version may also be a full one, "3.13.0", for a difference of one release only.
KNOWN_DIFFERENCES: dict[tuple[str, str], tuple[str, ...]] = {
    # all_errors is new in Python 3.11; the page says so with {versionadded}.
    ("socket.create_connection", "3.10"): (
        "parameter names: page (address, timeout, source_address, all_errors), "
        "Python (address, timeout, source_address)",
    ),
    # The docstring says flags=MSG_MORE, but the C code (sock_sendmsg_afalg in
    # Modules/socketmodule.c) starts from flags = 0; the page gives the real default.
    **{("socket.socket.sendmsg_afalg", version): ("flags: page's default is 0, Python's MSG_MORE",)
       for version in ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")},
}  # fmt: skip


@dataclass(frozen=True)
class Parameter:
    """One parameter as a page declares it; *default* is its source text ("..." means unspecified)."""

    name: str
    kind: str
    default: str | None


@dataclass(frozen=True)
class Declaration:
    """One ``{py:method}``, ``{py:function}`` or ``{py:class}`` directive of a page."""

    page: Path
    line: int
    text: str
    name: str
    parameters: tuple[Parameter, ...] | None
    error: str | None = None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT).as_posix()}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where} ({self.name})"


def parse_parameters(text: str) -> tuple[Parameter, ...]:
    """The parameters of ``(text)``, read by Python's own parser (annotations may stay)."""
    arguments = ast.parse(f"def f({text}): pass").body[0].args  # type: ignore[attr-defined]
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults)) + arguments.defaults
    found = [
        Parameter(arg.arg, "POSITIONAL_ONLY" if arg in arguments.posonlyargs else "POSITIONAL_OR_KEYWORD",
                  ast.unparse(default) if default else None)
        for arg, default in zip(positional, defaults)
    ]  # fmt: skip
    if arguments.vararg:
        found.append(Parameter(arguments.vararg.arg, "VAR_POSITIONAL", None))
    found += [
        Parameter(arg.arg, "KEYWORD_ONLY", ast.unparse(default) if default else None)
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults)
    ]
    if arguments.kwarg:
        found.append(Parameter(arguments.kwarg.arg, "VAR_KEYWORD", None))
    return tuple(found)


def parse_declaration(page: Path, line: int, role: str, text: str) -> Declaration:
    """A directive's argument, ``socket.recv(bufsize: int, flags: int = 0, /) -> bytes``, as a Declaration."""
    match = re.fullmatch(r"(?P<name>[\w.]+)\s*(?:\((?P<parameters>.*)\)\s*(?:->.*)?)?", text)
    if match is None:
        return Declaration(page, line, text, text, None, f"cannot read the signature {text!r}")
    name = match["name"]
    if role == "method":
        if not name.startswith("socket."):
            return Declaration(page, line, text, name, None, f"a method must be declared as socket.NAME: {name}")
        name = name.removeprefix("socket.")
    full = f"socket.socket.{name}" if role == "method" else f"socket.{name}"
    if match["parameters"] is None:
        return Declaration(page, line, text, full, None)
    try:
        parameters = parse_parameters(match["parameters"])
    except SyntaxError as error:
        return Declaration(page, line, text, full, None, f"cannot parse the parameters: {error.msg}")
    return Declaration(page, line, text, full, parameters)


def declarations(page: Path) -> list[Declaration]:
    """Every method, function and class declaration on *page*."""
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        match = DIRECTIVE.match(line)
        if match:
            found.append(parse_declaration(page, number, match["role"], match["signature"]))
    return found


#: Every declaration with a signature on the pages (``{py:class} AddressFamily`` declares none).
DECLARATIONS = [
    declaration
    for page in sorted(DOCS.rglob("*.md"))
    if not any(part.startswith("_") for part in page.relative_to(DOCS).parts)
    for declaration in declarations(page)
    if declaration.parameters is not None or declaration.error
]


@functools.cache
def python_command(version: str) -> list[str] | None:
    """How to start CPython *version*: the harness's command prefix, or None where it is missing (looked up once)."""
    if hasattr(harness, "python_command"):
        return harness.python_command(version)  # type: ignore[no-any-return]
    found: Any = harness.find_python(version)
    if found is None:
        return None
    return [found] if isinstance(found, str) else list(found)


@functools.cache
def report(command: tuple[str, ...]) -> dict[str, Any] | str:
    """What tests/signatures.py prints on the Python *command* starts, or why it failed (run once)."""
    done = subprocess.run([*command, "-I", str(SCRIPT)], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0 or done.stderr:
        return f"{' '.join(command)} {SCRIPT.name} failed (exit {done.returncode}):\n{done.stderr}"
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def interpreter_report(version: str) -> dict[str, Any]:
    """The signatures of Python *version*; skipped locally when it is missing, a failure in CI."""
    command = python_command(version)
    if command is None:
        missing = getattr(harness, "missing_python", lambda version: f"python{version} is not on PATH")
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the signatures on every supported Python: {missing(version)}")
        pytest.skip(missing(version))
    found = report(tuple(command))
    if isinstance(found, str):
        pytest.fail(found)
    return found


def same_default(page: str, python: str) -> bool:
    """Whether a page's default (source text) is the one Python states (a repr or an enum member's name)."""
    try:
        mine, theirs = ast.literal_eval(page), ast.literal_eval(python)
    except (ValueError, SyntaxError):
        return page == python
    return type(mine) is type(theirs) and mine == theirs


def differences(declared: tuple[Parameter, ...], stated: list[dict[str, Any]]) -> list[str]:
    """How the page's parameters differ from one form Python states, in words."""
    names, real_names = [p.name for p in declared], [p["name"] for p in stated]
    # A positional-only parameter's name is never typed by a caller: the page may keep
    # the name readers know (recv's bufsize, shutdown's how) where Python's docstring differs.
    unseen = [mine.kind == "POSITIONAL_ONLY" and theirs["kind"] in (None, "POSITIONAL_ONLY")
              for mine, theirs in zip(declared, stated)]  # fmt: skip
    if len(names) != len(real_names) or any(
        mine != theirs and not hidden for mine, theirs, hidden in zip(names, real_names, unseen)
    ):
        return [f"parameter names: page ({', '.join(names)}), Python ({', '.join(real_names)})"]
    found = []
    for mine, theirs in zip(declared, stated):
        if theirs["kind"] and mine.kind != theirs["kind"]:
            found.append(f"{mine.name}: page says {KIND_WORDS[mine.kind]}, Python {KIND_WORDS[theirs['kind']]}")
        if (mine.default is not None) != theirs["has_default"]:
            page_says, python_says = ("optional", "required") if mine.default is not None else ("required", "optional")
            found.append(f"{mine.name}: page says {page_says}, Python {python_says}")
        elif mine.default not in (None, "...") and theirs["default"] is not None:
            if not same_default(mine.default, theirs["default"]):
                found.append(f"{mine.name}: page's default is {mine.default}, Python's {theirs['default']}")
    return found


def check(declaration: Declaration, found: dict[str, Any]) -> tuple[str | None, list[str]]:
    """Compare a declaration with one Python's report: (why it is skipped or None, failures)."""
    python = f"Python {found['python']}"
    if declaration.error:
        return None, [f"{declaration.where}: {declaration.error}"]
    if declaration.parameters is None:
        return f"{declaration} declares no parameters", []
    described = found["objects"].get(declaration.name)
    if described is None:
        kind = "platform-only: " if declaration.name in PLATFORM_ONLY else ""
        return f"{kind}{declaration.name} does not exist on {python} ({found['platform']})", []
    where = f"{declaration.where}: {declaration.text}\n  on {python}"
    if not described["forms"]:
        return None, [f"{where}: {python} states no signature for {declaration.name}"]
    readings = [differences(declaration.parameters, form) for form in described["forms"]]
    found_differences = min(readings, key=len)
    known = [*KNOWN_DIFFERENCES.get((declaration.name, found["version"]), ()),
             *KNOWN_DIFFERENCES.get((declaration.name, found["python"]), ())]  # fmt: skip
    failures = [f"{where} ({described['source']}: {described['text']!r}): {d}" for d in found_differences
                if d not in known]  # fmt: skip
    failures += [
        f"{where}: KNOWN_DIFFERENCES lists a difference that is gone, remove it: {d}"
        for d in known
        if d not in found_differences
    ]
    return None, failures


def test_the_pages_declare_signatures() -> None:
    assert len(DECLARATIONS) >= 40, f"found only {len(DECLARATIONS)} declarations in {DOCS}"


def test_known_differences_name_declared_objects_and_supported_pythons() -> None:
    names = {declaration.name for declaration in DECLARATIONS}
    versions = python_versions()
    stray = [
        (name, version)
        for name, version in KNOWN_DIFFERENCES
        if name not in names or not any(version == v or version.startswith(f"{v}.") for v in versions)
    ]
    assert not stray, f"KNOWN_DIFFERENCES entries for no declared object or no supported Python: {stray}"


@pytest.mark.parametrize("version", python_versions())
@pytest.mark.parametrize("declaration", DECLARATIONS, ids=lambda declaration: declaration.where)
def test_declared_signature_matches_python(declaration: Declaration, version: str) -> None:
    skipped, failures = check(declaration, interpreter_report(version))
    if skipped:
        pytest.skip(skipped)
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


# -- The checker on a page with wrong signatures: each must fail, naming file and line. --


def test_wrong_signatures_are_reported_with_file_and_line() -> None:
    found = report((sys.executable,))
    assert isinstance(found, dict), found
    results = {declaration.line: check(declaration, found) for declaration in declarations(FIXTURE)}
    where = "tests/fixtures/signatures/page.md"
    assert results[8] == (None, [])  # sendfile, declared right
    assert results[11][1] and results[11][1][0].startswith(f"{where}:11: socket.makefile(")
    assert results[11][1][0].endswith("mode: page's default is 'rb', Python's 'r'")
    assert [failure.split(": ")[-1] for failure in results[14][1]] == ["page says required, Python optional"]
    assert "encoding" in results[14][1][0] and f"{where}:14:" in results[14][1][0]
    assert results[17][1][0].endswith("family: page says positional-or-keyword, Python keyword-only")
    assert "parameter names: page (address, reuse)" in results[20][1][0]
    assert results[23][0] and "socket.socket.fly does not exist" in results[23][0]


@pytest.mark.parametrize(
    ("doc", "forms"),
    [
        ("sendto(data[, flags], address) -> count", [["data", "address"], ["data", "flags", "address"]]),
        ("recv_into(buffer, [nbytes[, flags]]) -> nbytes_read", [["buffer", "nbytes?", "flags?"]]),
        ("sendmsg_afalg([msg], *, op[, iv[, assoclen[, flags=MSG_MORE]]])", [["msg?", "*op", "*iv?", "*assoclen?",
                                                                             "*flags?"]]),
    ],
)  # fmt: skip
def test_docstring_signatures_are_read(doc: str, forms: list[list[str]]) -> None:
    """Optional groups at the end make parameters optional; one in the middle makes two forms."""
    name = doc.split("(")[0]
    parsed = signatures.from_docstring(doc, name)
    assert parsed is not None
    written = [
        [("*" if p["kind"] == "KEYWORD_ONLY" else "") + p["name"] + ("?" if p["has_default"] else "") for p in form]
        for form in parsed[1]
    ]
    assert written == forms
