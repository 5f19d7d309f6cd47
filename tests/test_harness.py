"""The snippet harness catches snippets that leave loopback, hang, leak or lie."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
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
        # A refusal the snippet catches still fails the run.
        ("catches_refusal", ["catches_refusal.py, line 5", "sandbox: refused", "'10.0.0.1'"]),
        ("starts_process", ["starts_process.py", "subprocess.Popen", "line 4"]),
        ("loads_native_code", ["loads_native_code.py", "ctypes.dlopen", "line 1"]),
        ("searches_objects", ["searches_objects.py", "gc.get_objects", "line 4"]),
        ("forks", ["forks.py", "os.fork", "line 4"]),
        # A thread that never ends keeps the interpreter from exiting: the deadline covers that too.
        ("hangs_at_exit", ["hangs_at_exit.py", "Timeout", "hangs_at_exit.py\", line 9 in wait_forever"]),
        # Leaks that no warning reports.
        ("leaks_detached", ["left unclosed socket, file descriptor", "made at leaks_detached.py, line 3 and detached"]),
        ("leaks_silenced", ["for the garbage collector to close", "made at leaks_silenced.py, line 5"]),
        ("exits_early", ["exits_early.py", "without the sandbox's final check"]),
        # Side effects.
        ("writes_a_file", ["writes_a_file.py", "writing 'written.txt'", "scratch folder"]),
        ("reads_stdin", ["reads_stdin.py", "line 1", "input()"]),
    ],
)
def test_bad_snippet_fails_naming_file_and_cause(name: str, causes: list[str], fresh: bool) -> None:
    if not fresh and not harness.can_fork():
        pytest.skip("snippets run forked only on Linux")
    problems = "\n".join(harness.run_all([fixture(name, deadline=1.0)], fresh=fresh)[0].problems())
    for cause in causes:
        assert cause in problems, f"{cause!r} missing from:\n{problems}"


@pytest.mark.parametrize("fresh", WAYS)
def test_a_process_left_running_is_reported_and_stopped(fresh: bool) -> None:
    """A snippet allowed to fork must still wait for its children; one left behind is killed."""
    if not fresh and not harness.can_fork():
        pytest.skip("snippets run forked only on Linux")
    harness.PERMISSIONS["forks"] = frozenset({"fork"})
    try:
        started = time.monotonic()
        (result,) = harness.run_all([fixture("forks", deadline=1.0)], fresh=fresh)
    finally:
        del harness.PERMISSIONS["forks"]
    assert "a child process, neither waited for nor finished" in "\n".join(result.problems())
    assert time.monotonic() - started < 5, "the run waited for the process it left behind"
    still_running = subprocess.run(["pgrep", "-f", "fixtures/snippets/forks.py"], capture_output=True, text=True)
    assert not still_running.stdout, f"a process outlived its snippet: {still_running.stdout}"


def test_snippets_see_only_loopback_where_a_network_namespace_is_available() -> None:
    """On Linux the snippets run in a network of their own: the only interface is loopback."""
    if not harness.network_namespace():
        if os.environ.get("CI"):
            pytest.fail("CI must run the snippets in a private network namespace (unshare --net)")
        pytest.skip("no private network namespace here (unshare is missing or not allowed)")
    for run in harness.run_all([fixture("sees_only_loopback")]) + harness.run_all(
        [fixture("sees_only_loopback")], fresh=True
    ):
        assert run.stdout == "['lo']\n" and not run.problems(), run.problems()


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


@pytest.mark.parametrize(
    ("event", "target", "allowed"),
    [
        ("socket.gethostbyname", "localhost", True),
        ("socket.getaddrinfo", "127.0.0.1", True),
        ("socket.gethostbyaddr", "127.0.0.1", True),
        # Loopback, but the hosts file does not answer: the lookup would go to DNS.
        ("socket.gethostbyaddr", "::1", False),
        ("socket.getaddrinfo", "ip6-localhost", False),
        ("socket.gethostbyname", "example.com", False),
    ],
)
def test_lookups_the_hosts_file_cannot_answer_are_refused(event: str, target: str, allowed: bool) -> None:
    hosts = (frozenset({"localhost"}), frozenset({socket.inet_pton(socket.AF_INET, "127.0.0.1")}))
    hook = sandbox.make_hook("/nonexistent-scratch", None, hosts=hosts)
    if allowed:
        hook(event, (target, 0, 0, 0, 0))
    else:
        with pytest.raises(PermissionError, match="sandbox refuses"):
            hook(event, (target, 0, 0, 0, 0))


@pytest.mark.parametrize(
    "program",
    [
        "import datetime\nprint(datetime.date.today())\n",  # the date
        "import time\nprint(time.perf_counter_ns())\n",  # changes on every run
    ],
    ids=["shows-the-date", "changes"],
)
def test_record_refuses_output_that_changes(tmp_path: Path, program: str) -> None:
    code = tmp_path / "unstable.py"
    code.write_text(program, encoding="utf-8")
    snippet = harness.Snippet("unstable", code, tmp_path / "unstable.out")
    with pytest.raises(SystemExit, match="changes between runs"):
        harness.record(snippet)
    assert not snippet.recorded.exists()
