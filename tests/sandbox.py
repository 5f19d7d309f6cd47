"""Run snippets inside a loopback-only sandbox with a deadline.

Usage::

    python -X dev -W error tests/sandbox.py SNIPPET.py [DEADLINE_SECONDS]
    python -X dev -W error tests/sandbox.py --batch WORKERS < jobs.json

* An audit hook refuses every socket operation aimed at an address outside
  the loopback range (127.0.0.0/8 and ::1), and AF_UNIX paths outside the
  system's temporary folder.  The refusal is a ``PermissionError`` raised in
  the snippet, so its traceback names the snippet's line and the address.
* ``faulthandler`` dumps every thread's stack and exits if the snippet is
  still running at the deadline, so a hang names the call that blocked.

The first form runs one snippet in this fresh interpreter, as a reader would.
The second (Linux only) reads a JSON list of jobs, ``{"path", "deadline",
"stdout", "stderr"}``, and runs each in a child forked from this interpreter,
*WORKERS* at a time; it prints a JSON list of exit statuses.  A forked child
skips the interpreter's start-up, which costs more than most snippets, yet
for the snippet it is a fresh start: its own ``__main__``, its own output
files, and the interpreter's normal exit (non-daemon threads joined,
unclosed sockets reported), because the child returns from the job loop
before the snippet runs.

Standard library only: readers run snippets with this too.
"""

from __future__ import annotations

import faulthandler
import gc
import json
import os
import socket
import sys
import types

#: Seconds a snippet may run before its stack is dumped and it is stopped
#: (tests/harness.py gives some snippets longer).
DEFAULT_DEADLINE = 5.0
#: Audit events that name a peer or a local address, and where the address is in their arguments.
AUDITED = {
    "socket.bind": 1,
    "socket.connect": 1,
    "socket.sendto": 1,
    "socket.sendmsg": 1,
    "socket.getaddrinfo": 0,
    "socket.gethostbyname": 0,
    "socket.gethostbyaddr": 0,
    "socket.getnameinfo": 0,
}
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(address: object) -> bool:
    """Whether *address* (a socket address or a host) stays on this machine."""
    if isinstance(address, tuple):
        address = address[0]
    if isinstance(address, bytes):
        address = address.decode("ascii", "replace")
    if address is None:
        return True  # getaddrinfo(None, port) and sendmsg() without an address: local
    if isinstance(address, os.PathLike) or (isinstance(address, str) and address[:1] in ("/", "\0", ".")):
        # An AF_UNIX path: only inside the temporary folder (no abstract names).
        import tempfile  # only AF_UNIX snippets pay for this import

        path = os.path.realpath(os.fspath(address))
        return path.startswith(os.path.realpath(tempfile.gettempdir()) + os.sep)
    host = str(address).split("%")[0]  # drop an IPv6 scope id
    if host.lower() in LOOPBACK_NAMES:
        return True
    # inet_pton accepts only complete numeric addresses (no "127.1", no names).
    try:
        return socket.inet_pton(socket.AF_INET, host)[0] == 127
    except (OSError, ValueError):
        pass
    try:
        return socket.inet_pton(socket.AF_INET6, host) == socket.inet_pton(socket.AF_INET6, "::1")
    except (OSError, ValueError):
        return False


#: Families whose addresses never leave the machine (Linux's kernel crypto API).
LOCAL_FAMILIES = {getattr(socket, name) for name in ("AF_ALG",) if hasattr(socket, name)}


def refuse_outside_loopback(event: str, args: tuple[object, ...]) -> None:
    """Audit hook: stop any socket operation that would leave loopback."""
    position = AUDITED.get(event)
    if position is None:
        return
    if position == 1 and getattr(args[0], "family", None) in LOCAL_FAMILIES:
        return
    target = args[position]
    if not is_loopback(target):
        raise PermissionError(f"snippets may only use loopback addresses, not {target!r} ({event})")


def run_snippet(path: str, deadline: float) -> None:
    """Run the snippet at *path* as ``__main__``, sandboxed; an uncaught exception exits with status 1."""
    path = os.path.abspath(path)
    with open(path, "rb") as file:
        code = compile(file.read(), path, "exec")
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__  # type: ignore[attr-defined]
    sys.modules["__main__"] = main
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    # Its own folder, however it was started (chroot, for one, starts in "/").
    os.chdir(os.path.dirname(path))
    sys.addaudithook(refuse_outside_loopback)
    faulthandler.dump_traceback_later(deadline, exit=True)
    try:
        exec(code, vars(main))
    except SystemExit:
        raise
    except BaseException:
        # Report it as `python3 snippet.py` would: the traceback starts in the snippet.
        kind, error, trace = sys.exc_info()
        assert kind is not None and error is not None and trace is not None
        error.__traceback__ = trace.tb_next
        sys.excepthook(kind, error, trace.tb_next)
        raise SystemExit(1) from None
    finally:
        faulthandler.cancel_dump_traceback_later()


def _point_at(fd: int, path: str, flags: int) -> None:
    """Make file descriptor *fd* refer to the file at *path*."""
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)


def fork_jobs(jobs: list[dict[str, object]], workers: int) -> dict[str, object] | list[int]:
    """Fork a child per job, *workers* at a time, and wait for them all.

    In the parent, returns every child's exit status, in job order.  In a
    child, returns its job at once, with standard input, output and error
    pointing at the job's files.  Nothing here may catch exceptions or clean
    up on the way out: in a child, that code would run a second time.
    """
    # Objects the parent made are never collected in a child: the collector need not visit them.
    gc.freeze()
    statuses = [0] * len(jobs)
    running: dict[int, int] = {}
    waiting = list(enumerate(jobs))
    waiting.reverse()
    while waiting or running:
        while waiting and len(running) < workers:
            index, job = waiting.pop()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _point_at(0, os.devnull, os.O_RDONLY)
                _point_at(1, str(job["stdout"]), os.O_WRONLY | os.O_CREAT)
                _point_at(2, str(job["stderr"]), os.O_WRONLY | os.O_CREAT)
                return job
            running[pid] = index
        pid, status = os.wait()
        statuses[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    return statuses


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--batch":
        outcome = fork_jobs(json.load(sys.stdin), int(argv[1]))
        if isinstance(outcome, dict):  # this is a child: run its snippet, then exit as a fresh interpreter would
            run_snippet(str(outcome["path"]), float(str(outcome["deadline"])))
            return 0
        json.dump(outcome, sys.stdout)
        return 0
    if not 1 <= len(argv) <= 2 or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    run_snippet(argv[0], float(argv[1]) if len(argv) == 2 else DEFAULT_DEADLINE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
