"""The snippet harness catches snippets that leave loopback, hang, leak or lie."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import harness
import sandbox

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snippets"


def fixture(name: str, deadline: float | None = None) -> harness.Snippet:
    snippet = next(s for s in harness.discover(FIXTURES) if s.name == name)
    if deadline is not None:
        harness.DEADLINES[name] = deadline
    return snippet


#: The two ways the harness runs snippets: forked from one interpreter (Linux), or a fresh one each.
WAYS = [pytest.param(False, id="forked"), pytest.param(True, id="fresh")]


@pytest.mark.parametrize("fresh", WAYS)
@pytest.mark.parametrize(
    ("name", "causes"),
    [
        ("leaves_loopback", ["leaves_loopback.py", "line 4", "only use loopback", "'0.0.0.0'"]),
        ("hangs", ["hangs.py", "Timeout", "in accept", "hangs.py\", line 6"]),
        ("leaks", ["leaks.py", "ResourceWarning", "unclosed"]),
        ("leaks_at_exit", ["leaks_at_exit.py", "ResourceWarning", "unclosed", "127.0.0.1"]),
        ("raises", ["raises.py", "exited with status 1", "line 3, in check", "ValueError: negative: -1"]),
        ("prints_something_else", ["prints_something_else.py", "-goodbye", "+hello"]),
    ],
)
def test_bad_snippet_fails_naming_file_and_cause(name: str, causes: list[str], fresh: bool) -> None:
    if not fresh and not harness.can_fork():
        pytest.skip("snippets run forked only on Linux")
    problems = "\n".join(harness.run_all([fixture(name, deadline=1.0)], fresh=fresh)[0].problems())
    for cause in causes:
        assert cause in problems, f"{cause!r} missing from:\n{problems}"


def test_a_forked_run_is_a_fresh_start() -> None:
    """Forking saves the interpreter's start-up but must not change what a snippet does.

    Every snippet and fixture runs both ways, and must print the same, write
    the same to stderr (up to addresses and ports) and exit the same.
    """
    if not harness.can_fork():
        pytest.skip("snippets run forked only on Linux")
    fixtures = [fixture(snippet.name, deadline=1.0) for snippet in harness.discover(FIXTURES)]
    snippets = harness.discover() + fixtures
    forked = harness.run_all(snippets)
    fresh = harness.run_all(snippets, fresh=True)
    numbers = re.compile(r"0x[0-9a-f]+|\d+")
    for one, other in zip(forked, fresh):
        assert (one.returncode, one.stdout) == (other.returncode, other.stdout), one.snippet.name
        assert numbers.sub("N", one.stderr) == numbers.sub("N", other.stderr), one.snippet.name
    assert any(run.stdout == "main done\nthread done\n" for run in forked), "a thread still running at exit is joined"


@pytest.mark.parametrize(
    "address",
    [("127.0.0.1", 80), ("127.1.2.3", 0), ("::1", 0, 0, 0), "localhost", ("localhost", 0), None],
)
def test_loopback_addresses_are_allowed(address: object) -> None:
    assert sandbox.is_loopback(address)


@pytest.mark.parametrize(
    "address",
    [("0.0.0.0", 0), ("10.0.0.1", 80), ("192.168.1.1", 80), ("8.8.8.8", 53), ("::", 0), "example.com", "/etc/sock"],
)
def test_other_addresses_are_refused(address: object) -> None:
    assert not sandbox.is_loopback(address)


def test_record_refuses_output_that_changes(tmp_path: Path) -> None:
    code = tmp_path / "changing.py"
    code.write_text("import time\nprint(time.perf_counter_ns())\n", encoding="utf-8")
    snippet = harness.Snippet("changing", code, tmp_path / "changing.out")
    with pytest.raises(SystemExit, match="changes between runs"):
        harness.record(snippet)
    assert not snippet.recorded.exists()
