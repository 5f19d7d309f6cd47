"""The snippet harness catches snippets that leave loopback, hang, leak or lie."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("name", "causes"),
    [
        ("leaves_loopback", ["leaves_loopback.py", "line 4", "only use loopback", "'0.0.0.0'"]),
        ("hangs", ["hangs.py", "Timeout", "in accept", "hangs.py\", line 6"]),
        ("leaks", ["leaks.py", "ResourceWarning", "unclosed"]),
        ("prints_something_else", ["prints_something_else.py", "-goodbye", "+hello"]),
    ],
)
def test_bad_snippet_fails_naming_file_and_cause(name: str, causes: list[str]) -> None:
    problems = "\n".join(harness.run(fixture(name, deadline=1.0)).problems())
    for cause in causes:
        assert cause in problems, f"{cause!r} missing from:\n{problems}"


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
