"""Run the snippets and compare what they print with their recorded output.

Standard library only, so readers can check the snippets on their own
machine, with their own Python::

    python3 tests/harness.py              # check every snippet
    python3 tests/harness.py bind recv    # check some
    python3 tests/harness.py --record bind   # after an intended change

Each snippet runs in its own process, as ``python -X dev -W error``, inside
``tests/sandbox.py`` (loopback only, with a deadline).  It passes when it
exits with status 0, writes nothing to stderr, and prints exactly the text
of ``snippets/<name>.out``.

On Linux the processes are forked from one interpreter that has already
started, which is several times faster (see ``sandbox.py``); ``--fresh``
starts a new interpreter for each snippet instead, as on other systems.
Recorded output always comes from fresh interpreters, so the two ways are
checked against each other.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
SANDBOX = Path(__file__).resolve().parent / "sandbox.py"

from sandbox import DEFAULT_DEADLINE  # noqa: E402 - seconds before a snippet's stack is dumped

#: A snippet that cannot run on this machine (another platform, a missing kernel
#: feature) prints why and exits with this status, as automake's tests do.
SKIP_STATUS = 77
#: Snippets that wait on purpose get a longer deadline here.
DEADLINES: dict[str, float] = {}
#: What a snippet may do that others may not (see ``GUARDED`` in sandbox.py): its
#: declaration, kept here rather than in code that readers copy.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Renames the host only in a forked child's own namespaces: the user namespace
    # that allows it needs a single-threaded process, and the sandbox has a thread.
    "sethostname": frozenset({"fork"}),
}


@dataclass(frozen=True)
class Snippet:
    """A runnable example: ``snippets/<name>.py`` and its recorded ``<name>.out``."""

    name: str
    code: Path
    recorded: Path

    @property
    def deadline(self) -> float:
        return DEADLINES.get(self.name, DEFAULT_DEADLINE)


@dataclass(frozen=True)
class Run:
    """What one run of a snippet did."""

    snippet: Snippet
    returncode: int
    stdout: str
    stderr: str
    #: The sandbox's final check, written at the interpreter's exit; None if it never ran.
    report: dict[str, object] | None = None

    @property
    def skipped(self) -> str | None:
        """Why the snippet says it cannot run here, or None if it ran."""
        if self.returncode == SKIP_STATUS and not self.stderr:
            return self.stdout.strip() or "the snippet cannot run on this machine"
        return None

    def problems(self) -> list[str]:
        """Why this run does not match the recorded output (empty when it does or was skipped)."""
        if self.skipped:
            return []
        found = []
        where = self.snippet.code.relative_to(ROOT) if self.snippet.code.is_relative_to(ROOT) else self.snippet.code
        if self.returncode != 0:
            found.append(f"{where}: exited with status {self.returncode}")
        if self.stderr:
            found.append(f"{where}: wrote to stderr:\n{self.stderr.rstrip()}")
        if self.report is None and self.returncode != -1:
            found.append(
                f"{where}: ended without the sandbox's final check (os._exit(), a signal or a crash), "
                "so nothing proves it left no socket, thread or process behind"
            )
        if not self.snippet.recorded.is_file():
            found.append(f"{where}: no recorded output {self.snippet.recorded.name}")
        else:
            expected = self.snippet.recorded.read_text(encoding="utf-8")
            if self.stdout != expected:
                diff = difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    self.stdout.splitlines(keepends=True),
                    fromfile=f"{self.snippet.recorded.name} (recorded)",
                    tofile=f"{self.snippet.code.name} (this run)",
                )
                found.append(f"{where}: output differs from {self.snippet.recorded.name}:\n{''.join(diff)}")
        return found


def discover(folder: Path = SNIPPETS) -> list[Snippet]:
    """Every snippet in *folder*, by name."""
    return [
        Snippet(path.stem, path, path.with_suffix(".out"))
        for path in sorted(folder.glob("*.py"))
        if not path.name.startswith("_")
    ]


#: An interpreter, as the command that starts it: ``("/usr/bin/python3.13",)``, or one
#: inside the Debian root below: ``("chroot", ROOT, "/usr/bin/python3.15")``.
Python = tuple[str, ...]
#: This interpreter.
THIS_PYTHON: Python = (sys.executable,)
#: Where CI keeps a minimal Debian (unstable) with the newest CPythons, which pyenv and
#: the distribution lack; ``.ci/python-root`` makes it, with this tree bind-mounted at the
#: same path inside, and /tmp, /proc and /dev shared, so paths need no translation.
PYTHON_ROOT = Path(os.environ.get("SOCKSITE_PYTHON_ROOT", "/var/cache/socket-methods/sid"))


def _runs(python: Python) -> bool:
    try:
        return subprocess.run([*python, "-c", "pass"], capture_output=True).returncode == 0
    except OSError:
        return False


def _shares_this_tree(root: Path) -> bool:
    """Whether *root* sees this project and /tmp at the same paths (bind-mounted)."""
    try:
        return all(os.path.samefile(root / path.relative_to("/"), path) for path in (ROOT, Path("/tmp")))
    except OSError:
        return False


def find_python(version: str) -> Python | None:
    """How to start CPython *version*, or None where it is missing or does not run.

    First ``python<version>`` on PATH, if it runs (a pyenv shim for a version
    that is installed but not selected exists and fails); then the one in
    :data:`PYTHON_ROOT`, if this tree is mounted there and we may ``chroot``.
    """
    found = shutil.which(f"python{version}")
    if found and _runs((found,)):
        return (found,)
    inside = PYTHON_ROOT / "usr" / "bin" / f"python{version}"
    if inside.is_file() and hasattr(os, "geteuid") and os.geteuid() == 0 and _shares_this_tree(PYTHON_ROOT):
        python = ("chroot", str(PYTHON_ROOT), f"/usr/bin/python{version}")
        if _runs(python):
            return python
    return None


def missing_python(version: str) -> str:
    """Why :func:`find_python` found no CPython *version*, for a skip or a failure message."""
    return (
        f"python{version} is not on PATH (or does not run), and {PYTHON_ROOT} has no usable python{version} "
        f"with this tree mounted in it (make one with: sudo .ci/python-root)"
    )


def _environment() -> dict[str, str]:
    """This environment without PYTHON* settings, and with UTF-8 output."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@functools.cache
def network_namespace() -> tuple[str, ...]:
    """The command prefix that runs a program in a network namespace of its own, or ``()``.

    On Linux, ``unshare`` gives each run of the snippets a network with
    nothing but loopback: a real boundary, where the sandbox's audit hook is
    only a guard.  Root needs no user namespace for it (and keeps the right
    to ``chroot``); anyone else gets one.
    """
    if sys.platform != "linux" or not shutil.which("unshare"):
        return ()
    prefix = ("unshare", "--net") if os.geteuid() == 0 else ("unshare", "--map-root-user", "--net")
    try:
        works = subprocess.run([*prefix, "true"], capture_output=True).returncode == 0
    except OSError:
        works = False
    return prefix if works else ()


def _command(python: Python, *arguments: str) -> list[str]:
    isolate = network_namespace()
    private = ("--private-network",) if isolate else ()
    return [*isolate, *python, "-X", "dev", "-W", "error", str(SANDBOX), *private, *arguments]


def _permissions(snippet: Snippet) -> list[str]:
    return [argument for permission in sorted(PERMISSIONS.get(snippet.name, ())) for argument in ("--allow", permission)]


def _read_report(path: Path) -> dict[str, object] | None:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


#: How many snippets run at once: they mostly wait on sockets, not on the processor.
WORKERS = max(4, 4 * (os.cpu_count() or 1))


def can_fork() -> bool:
    """Whether snippets run as forked children here (Linux; fork is unsafe or missing elsewhere)."""
    return sys.platform == "linux"


def run_all(snippets: list[Snippet], python: Python = THIS_PYTHON, *, fresh: bool = False) -> list[Run]:
    """Run every snippet once, :data:`WORKERS` at a time; forked from one interpreter unless *fresh*."""
    if fresh or not can_fork():
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(lambda snippet: run(snippet, python), snippets))
    with tempfile.TemporaryDirectory(prefix="snippets-") as folder:
        jobs = [
            {
                "path": str(snippet.code.resolve()),
                "deadline": snippet.deadline,
                "stdout": os.path.join(folder, f"{index}.out"),
                "stderr": os.path.join(folder, f"{index}.err"),
                "report": os.path.join(folder, f"{index}.report"),
                "scratch": os.path.join(folder, f"{index}.scratch"),
                "allow": sorted(PERMISSIONS.get(snippet.name, ())),
            }
            for index, snippet in enumerate(snippets)
        ]
        for job in jobs:
            os.mkdir(str(job["scratch"]))
        rounds = -(-len(snippets) // WORKERS)
        limit = rounds * (max((s.deadline for s in snippets), default=0) + 10) + 30
        with subprocess.Popen(
            _command(python, "--batch", str(WORKERS)), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_environment(), start_new_session=True,
        ) as batch:  # fmt: skip
            try:
                stdout, stderr = batch.communicate(json.dumps(jobs), timeout=limit)
            except subprocess.TimeoutExpired:
                # The snippets' own deadlines should have stopped them; stop everything left.
                _kill_session(batch.pid)
                batch.communicate()
                unfinished = [s.name for s, job in zip(snippets, jobs) if not Path(str(job["report"])).exists()]
                raise RuntimeError(
                    f"{SANDBOX} --batch did not finish within {limit} s; snippets without a final report: "
                    f"{', '.join(unfinished) or 'none'}"
                ) from None
            finally:
                _kill_session(batch.pid)
        if batch.returncode != 0 or stderr:
            raise RuntimeError(f"{SANDBOX} --batch failed (exit {batch.returncode}):\n{stderr}")
        statuses = json.loads(stdout)
        return [
            Run(snippet, status, Path(str(job["stdout"])).read_text(encoding="utf-8"),
                Path(str(job["stderr"])).read_text(encoding="utf-8"), _read_report(Path(str(job["report"]))))
            for snippet, job, status in zip(snippets, jobs, statuses)
        ]  # fmt: skip


def run(snippet: Snippet, python: Python = THIS_PYTHON, *, env: dict[str, str] | None = None) -> Run:
    """Run *snippet* once in a fresh interpreter and capture what it printed.

    It runs in a process group of its own, so that whatever it leaves running
    is stopped with it.
    """
    with tempfile.TemporaryDirectory(prefix="snippet-") as folder:
        report, scratch = Path(folder, "report"), Path(folder, "scratch")
        scratch.mkdir()
        command = _command(
            python, "--report", str(report), "--scratch", str(scratch), *_permissions(snippet),
            str(snippet.code.resolve()), str(snippet.deadline),
        )  # fmt: skip
        # Files, not pipes: a process the snippet left behind could hold a pipe open.
        with open(Path(folder, "stdout"), "w+b") as stdout, open(Path(folder, "stderr"), "w+b") as stderr:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, cwd=snippet.code.parent,
                env={**_environment(), **(env or {})}, start_new_session=True,
            )  # fmt: skip
            try:
                status = process.wait(timeout=snippet.deadline + 10)
            except subprocess.TimeoutExpired as expired:
                # faulthandler should have stopped it already; this is the last resort.
                _kill_group(process.pid)
                process.wait()
                return Run(snippet, -1, Path(folder, "stdout").read_text("utf-8"), f"killed after {expired.timeout} s")
            finally:
                _kill_group(process.pid)
        output, errors = (Path(folder, name).read_text(encoding="utf-8") for name in ("stdout", "stderr"))
        return Run(snippet, status, output, errors, _read_report(report))


def _kill_session(session: int) -> None:
    """Stop every process of the session *session* (Linux), whatever process group it moved to."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[3] == str(session):  # after the command's name: state, ppid, pgrp, session
            try:
                os.kill(int(stat.parent.name), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _kill_group(group: int) -> None:
    """Stop every process left in the process group *group*."""
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def record(snippet: Snippet, python: Python = THIS_PYTHON) -> str:
    """Run *snippet* twice and write its output, refusing output that is not stable."""
    # Two runs whose clocks say different days: a local date 26 hours apart
    # (POSIX time zones, no zone files needed), so output that shows the date is refused.
    first = run(snippet, python, env={"TZ": "EAST-14"})
    second = run(snippet, python, env={"TZ": "WEST+12"})
    for attempt in (first, second):
        if attempt.skipped:
            raise SystemExit(f"{snippet.code}: not recorded, it cannot run here: {attempt.skipped}")
        if attempt.problems() and (attempt.returncode != 0 or attempt.stderr or attempt.report is None):
            raise SystemExit(f"{snippet.code}: not recorded, the run failed:\n{attempt.stderr}{attempt.problems()}")
    if first.stdout != second.stdout:
        diff = "".join(
            difflib.unified_diff(
                first.stdout.splitlines(keepends=True), second.stdout.splitlines(keepends=True), "run 1", "run 2"
            )
        )
        raise SystemExit(f"{snippet.code}: not recorded, the output changes between runs:\n{diff}")
    snippet.recorded.write_text(first.stdout, encoding="utf-8")
    return first.stdout


def stress(
    snippets: list[Snippet], times: int, python: Python = THIS_PYTHON, *, fresh: bool = False
) -> dict[str, list[str]]:
    """Run every snippet *times* times, many at once; return the failures by snippet name.

    Snippets that cannot run on this machine are left out of the result.
    """
    failures: dict[str, list[str]] = {}
    for result in run_all([snippet for snippet in snippets for _ in range(times)], python, fresh=fresh):
        if not result.skipped:
            failures.setdefault(result.snippet.name, []).extend(result.problems())
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="snippet names (default: all)")
    parser.add_argument("--record", action="store_true", help="write the current output as the recorded output")
    parser.add_argument("--stress", type=int, metavar="N", help="run each snippet N times, all in parallel")
    parser.add_argument("--python", metavar="3.X", help="run the snippets with python3.X instead of this Python")
    parser.add_argument("--fresh", action="store_true", help="start a new interpreter for each snippet (no forking)")
    args = parser.parse_args(argv)
    python = THIS_PYTHON
    if args.python:
        python = find_python(args.python) or parser.error(missing_python(args.python))
    snippets = discover()
    known = {snippet.name: snippet for snippet in snippets}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"no such snippet: {', '.join(unknown)} (have: {', '.join(known)})")
    chosen = [known[name] for name in args.names] if args.names else snippets
    if args.record:
        for snippet in chosen:
            record(snippet, python)
            print(f"recorded {snippet.recorded.relative_to(ROOT)}")
        return 0
    if args.stress:
        failures = stress(chosen, args.stress, python, fresh=args.fresh)
        width = max(len(name) for name in failures)
        for name, problems in failures.items():
            print(f"{name:<{width}}  {len(problems)} failed of {args.stress}")
            for problem in sorted(set(problems)):
                print("    " + problem.replace("\n", "\n    "))
        total = sum(len(problems) for problems in failures.values())
        skipped = len(chosen) - len(failures)
        print(
            f"{len(failures) * args.stress - total} passed, {total} failed, {skipped * args.stress} skipped "
            f"({args.stress} parallel runs of each snippet)"
        )
        return 1 if total else 0
    failed = skipped = 0
    for snippet, result in zip(chosen, run_all(chosen, python, fresh=args.fresh)):
        problems = result.problems()
        if result.skipped:
            skipped += 1
            print(f"skipped  跳过        {snippet.name}: {result.skipped}")
        elif problems:
            failed += 1
            print(f"DIFFERS  与记录不同  {snippet.name}")
            print("\n".join(problems))
        else:
            print(f"ok       一致        {snippet.name}")
    print(f"{len(chosen) - failed - skipped} passed, {failed} failed, {skipped} skipped")
    version = subprocess.run([*python, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True).stdout.strip()
    print(f"{len(chosen) - failed - skipped} 个一致，{failed} 个不同，{skipped} 个跳过（Python {version}, {sys.platform}）")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
