"""Run snippets inside a loopback-only sandbox with a deadline.

Usage::

    python -X dev -W error tests/sandbox.py [OPTIONS] SNIPPET.py [DEADLINE_SECONDS]
    python -X dev -W error tests/sandbox.py [OPTIONS] --batch WORKERS < jobs.json

* An audit hook refuses every socket operation aimed at an address outside
  the loopback range (127.0.0.0/8 and ::1), AF_UNIX paths outside the run's
  scratch folder, writing files outside that folder, starting programs,
  ``fork``, loading native code with ``ctypes`` and searching the
  interpreter's objects with ``gc``.  A refusal raises ``PermissionError``
  in the snippet, so its traceback names the line, and is also reported on
  stderr at once: a snippet that catches the exception still fails.
* ``faulthandler`` dumps every thread's stack and exits if the snippet is
  still running at the deadline, through the interpreter's exit too
  (threads being joined, ``atexit``), so a hang names the call that blocked.
* At exit, after the snippet's threads were joined, the sandbox checks that
  no file descriptor, thread or child process the snippet opened is left,
  and writes its report (``--report``): a run without one ended early, for
  example through ``os._exit()``.
* Standard input is closed to the snippet.

Where the caller can, it also runs the sandbox in a network namespace of its
own that has nothing but loopback (tests/harness.py does on Linux):
``--private-network`` then brings that loopback up.  The audit hook is what
remains on other machines.

The first form runs one snippet in this fresh interpreter, as a reader would.
The second (Linux only) reads a JSON list of jobs, ``{"path", "deadline",
"stdout", "stderr", "report", "scratch", "allow"}``, and runs each in a child
forked from this interpreter, *WORKERS* at a time; it prints a JSON list of
exit statuses.  A forked child skips the interpreter's start-up, which costs
more than most snippets, yet for the snippet it is a fresh start: its own
``__main__``, its own output files, and the interpreter's normal exit
(non-daemon threads joined, unclosed sockets reported), because the child
returns from the job loop before the snippet runs.

Standard library only: readers run snippets with this too.
"""

from __future__ import annotations

import argparse
import atexit
import faulthandler
import gc
import json
import os
import signal
import socket
import sys
import threading
import types
import weakref
from collections.abc import Callable

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
#: Audit events a snippet has no business raising, by the permission that allows them.
#: Only ``fork`` is ever granted (tests/harness.py): a forked child keeps this
#: interpreter's audit hook, a started program would not.
GUARDED = {
    "fork": ("os.fork", "os.forkpty"),
    "process": ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile", "pty.spawn"),
    "ctypes": ("ctypes.dlopen", "ctypes.dlsym", "ctypes.call_function", "ctypes.cdata", "ctypes.addressof"),
    "gc": ("gc.get_objects", "gc.get_referrers", "gc.get_referents"),
}
#: Audit events that change the file system: where each path is, and the
#: directory descriptor it is relative to (None: the working directory).
WRITES: dict[str, tuple[tuple[int, int | None], ...]] = {
    "os.mkdir": ((0, 2),), "os.rmdir": ((0, 1),), "os.remove": ((0, 1),), "os.rename": ((0, 2), (1, 3)),
    "os.link": ((1, 3),), "os.symlink": ((1, 2),), "os.truncate": ((0, None),), "os.chmod": ((0, 2),),
    "os.chown": ((0, 3),), "os.utime": ((0, 3),), "shutil.rmtree": ((0, 1),), "shutil.move": ((0, None), (1, None)),
    "shutil.copyfile": ((1, None),), "shutil.copytree": ((1, None),),
}  # fmt: skip
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(address: object, scratch: str | None = None) -> bool:
    """Whether *address* (a socket address or a host) stays on this machine.

    An AF_UNIX path counts only inside *scratch* (by default the system's
    temporary folder).
    """
    if isinstance(address, tuple):
        address = address[0]
    if isinstance(address, bytes):
        address = address.decode("ascii", "replace")
    if address is None:
        return True  # getaddrinfo(None, port) and sendmsg() without an address: local
    if isinstance(address, os.PathLike) or (isinstance(address, str) and address[:1] in ("/", "\0", ".")):
        if scratch is None:
            import tempfile  # only AF_UNIX snippets pay for this import

            scratch = tempfile.gettempdir()
        return _inside(address, scratch)  # no abstract names: they start with NUL
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


def _inside(path: object, folder: str, dir_fd: object = None) -> bool:
    """Whether *path* (relative to the directory open as *dir_fd*, if given) is in *folder*."""
    try:
        path = os.fsdecode(os.fspath(path))  # type: ignore[arg-type]
        if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
        real = os.path.realpath(path)
    except (TypeError, ValueError, OSError):
        return False
    if isinstance(real, bytes):
        real = os.fsdecode(real)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def hosts_file(path: str = "/etc/hosts") -> tuple[frozenset[str], frozenset[bytes]] | None:
    """The names and the (packed) addresses that the hosts file answers for, or None without one.

    A lookup that the file does not answer goes to DNS, which leaves the
    machine even for a loopback address (a reverse lookup of ``::1``).
    """
    names: set[str] = set()
    addresses: set[bytes] = set()
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            lines = file.read().splitlines()
    except OSError:
        return None
    for line in lines:
        address, *aliases = line.split("#", 1)[0].split() or [""]
        packed = _packed(address)
        if packed is not None:
            addresses.add(packed)
            names.update(alias.lower() for alias in aliases)
    return frozenset(names), frozenset(addresses)


def _packed(address: str) -> bytes | None:
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            return socket.inet_pton(family, address.split("%")[0])
        except (OSError, ValueError):
            pass
    return None


#: Families whose addresses never leave the machine (Linux's kernel crypto API).
LOCAL_FAMILIES = frozenset(getattr(socket, name) for name in ("AF_ALG",) if hasattr(socket, name))


def snippet_line(path: str | None) -> str:
    """Where the snippet at *path* is now: its innermost line on the current stack ("" if none)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == path:
            return f"{os.path.basename(path)}, line {frame.f_lineno}"
        frame = frame.f_back  # type: ignore[assignment]
    return ""


def make_hook(
    scratch: str, report: str | None, allow: frozenset[str] = frozenset(),
    hosts: tuple[frozenset[str], frozenset[bytes]] | None = hosts_file(), snippet: str | None = None,
    tracker: SocketTracker | None = None,
) -> Callable[[str, tuple[object, ...]], None]:  # fmt: skip
    """The audit hook for one run: everything it needs is bound here, out of the snippet's reach.

    The snippet cannot reach the hook itself (``gc`` is refused, and the hook
    is kept nowhere but in the interpreter's list of hooks), and rebinding
    the module's names (``socket.inet_pton``, this module's tables) does not
    change what the hook checks.
    """
    audited = tuple(AUDITED.items())
    guarded = frozenset(event for permission, events in GUARDED.items() if permission not in allow for event in events)
    writes = tuple(WRITES.items())
    loopback, inside, local_families, packed = is_loopback, _inside, LOCAL_FAMILIES, _packed
    lookups = ("socket.gethostbyname", "socket.getaddrinfo", "socket.gethostbyaddr")
    write_flags, devnull = WRITE_FLAGS, os.devnull
    write, stderr_fd, getpid, where = os.write, 2, os.getpid, snippet_line

    def refuse(message: str) -> None:
        # Said on stderr now as well as raised: catching the exception does not hide it.
        line = where(snippet)
        at = f" at {line}" if line else ""
        write(stderr_fd, f"sandbox: refused{at} (process {getpid()}): {message}\n".encode("utf-8", "replace"))
        raise PermissionError(f"the sandbox refuses this: {message}")

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "socket.__new__":
            if tracker is not None and isinstance(args[0], socket.socket):
                tracker.note(args[0], where(snippet))
            return
        if event in guarded:
            refuse(f"{event} (snippets may not start programs, fork, load native code or search objects with gc)")
        elif event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & write_flags
            )
            if writing and isinstance(path, (str, bytes, os.PathLike)) and path not in (devnull, report):
                if not inside(path, scratch):
                    refuse(f"writing {path!r} (snippets may only write in their scratch folder)")
            return
        for name, position in audited:
            if event == name:
                if position == 1 and getattr(args[0], "family", None) in local_families:
                    return
                target = args[position]
                if not loopback(target, scratch):
                    refuse(f"snippets may only use loopback addresses, not {target!r} ({event})")
                if event in lookups and hosts is not None and isinstance(target, (str, bytes)):
                    host = os.fsdecode(target).split("%")[0]
                    number = packed(host)
                    if (number is None and host.lower() not in hosts[0]) or (
                        event == "socket.gethostbyaddr" and number is not None and number not in hosts[1]
                    ):
                        refuse(f"{host!r} is not in /etc/hosts, so {event} would ask DNS, off this machine")
                return
        for name, positions in writes:
            if event == name:
                for position, dir_fd in positions:
                    target = args[position] if position < len(args) else None
                    base = args[dir_fd] if dir_fd is not None and dir_fd < len(args) else None
                    if isinstance(target, (str, bytes, os.PathLike)) and not inside(target, scratch, base):
                        refuse(f"{event} on {target!r} (snippets may only change files in their scratch folder)")
                return

    return hook


def open_descriptors() -> set[int]:
    """The file descriptors open in this process (Linux and macOS; empty elsewhere)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            listed = {int(name) for name in os.listdir(folder)}
        except OSError:
            continue
        # One of them was the listing's own, closed by now.
        return {fd for fd in listed if _is_open(fd)}
    return set()


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _describe(fd: int) -> str:
    try:
        probe = socket.socket(fileno=fd)
    except OSError:
        try:
            return f"file descriptor {fd} ({os.readlink(f'/proc/self/fd/{fd}')})"
        except OSError:
            return f"file descriptor {fd}"
    try:
        try:
            name = probe.getsockname()
        except OSError:
            name = "?"
        return f"unclosed socket, file descriptor {fd} ({probe.family.name}, {probe.type.name}, laddr={name!r})"
    finally:
        probe.detach()


class SocketTracker:
    """Where each socket was made, and which ones the snippet never closed.

    The audit hook notes the snippet's line for every new socket in
    :attr:`created`.  A socket still open when the garbage collector takes it
    is noted too: Python closes it and says so with a ``ResourceWarning``,
    which a snippet can silence; this cannot be silenced that way.  So is
    the descriptor of a socket whose ``detach()`` handed it out.
    """

    def __init__(self) -> None:
        self.created: dict[int, str] = {}
        self.collected: list[str] = []
        self.detached: dict[int, str] = {}
        self.alive: list[tuple[weakref.ref[socket.socket], str]] = []
        finalize = socket.socket.__mro__[1].__del__  # _socket.socket's: warns, then closes
        detach = socket.socket.detach
        tracker = self

        def __del__(self: socket.socket) -> None:
            if self.fileno() != -1:
                tracker.collected.append(f"{repr(self)}, made at {tracker.created.get(id(self)) or '?'}")
            finalize(self)

        def detach_and_note(self: socket.socket) -> int:
            fd = detach(self)
            tracker.detached[fd] = tracker.created.get(id(self)) or "?"
            return fd

        socket.socket.__del__ = __del__  # type: ignore[attr-defined]
        socket.socket.detach = detach_and_note  # type: ignore[method-assign]

    def made_at(self, fd: int) -> str:
        """The snippet's line that made the socket whose descriptor is *fd* ("" if unknown)."""
        if fd in self.detached:
            return f"made at {self.detached[fd]} and detached"
        for ref, line in self.alive:
            sock = ref()
            if sock is not None and sock.fileno() == fd:
                return f"made at {line}"
        return ""

    def note(self, sock: socket.socket, line: str) -> None:
        """The audit hook saw *sock* being made at *line* of the snippet."""
        self.created[id(sock)] = line
        self.alive.append((weakref.ref(sock), line))


def leftovers(descriptors_before: set[int], tracker: SocketTracker | None = None) -> list[str]:
    """What the snippet left behind: open descriptors, running threads, child processes."""
    found = [f"a socket for the garbage collector to close: {text}" for text in (tracker.collected if tracker else [])]
    for fd in sorted(open_descriptors() - descriptors_before):
        origin = tracker.made_at(fd) if tracker else ""
        found.append(_describe(fd) + (f", {origin}" if origin else ""))
    found += [
        f"thread {thread.name!r} still running at exit (join it, even a daemon thread)"
        for thread in threading.enumerate()
        if thread is not threading.main_thread() and thread.is_alive()
    ]
    try:
        if os.waitpid(-1, os.WNOHANG) is not None:
            found.append("a child process, neither waited for nor finished")
    except (ChildProcessError, AttributeError):
        pass
    return found


def _final_check(descriptors_before: set[int], tracker: SocketTracker, report: str | None, where: str) -> None:
    """At exit, after the snippet's threads were joined: report what it left behind."""
    problems = leftovers(descriptors_before, tracker)
    for problem in problems:
        os.write(2, f"sandbox: {where} left {problem}\n".encode("utf-8", "replace"))
    if report:
        fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, json.dumps({"leftovers": problems}).encode())
        os.close(fd)


def bring_loopback_up() -> None:
    """In a network namespace of its own, loopback starts down: bring it up (Linux)."""
    import fcntl
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(probe, siocgifflags, request))[1]
        if not flags & iff_up:
            fcntl.ioctl(probe, siocsifflags, struct.pack("16sH22x", b"lo", flags | iff_up))


def _close_stdin() -> None:
    """Snippets read nothing: reading standard input fails instead of waiting or reading EOF."""
    opened = os.open(os.devnull, os.O_WRONLY)
    os.dup2(opened, 0)
    os.close(opened)
    sys.stdin = None  # type: ignore[assignment]


def run_snippet(
    path: str, deadline: float, *, report: str | None = None, scratch: str | None = None,
    allow: frozenset[str] = frozenset(),
) -> None:  # fmt: skip
    """Run the snippet at *path* as ``__main__``, sandboxed; an uncaught exception exits with status 1."""
    import tempfile

    path = os.path.abspath(path)
    with open(path, "rb") as file:
        code = compile(file.read(), path, "exec")
    if scratch:
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch
    scratch = os.path.realpath(tempfile.gettempdir())
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__  # type: ignore[attr-defined]
    sys.modules["__main__"] = main
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    sys.dont_write_bytecode = True  # the snippet's imports write no .pyc files
    # Its own folder, however it was started (chroot, for one, starts in "/").
    os.chdir(os.path.dirname(path))
    _close_stdin()
    # Registered first, so it runs last of all exit functions; the deadline stays
    # armed until the process ends, so a thread that never finishes is caught too.
    tracker = SocketTracker()
    atexit.register(_final_check, open_descriptors(), tracker, report, os.path.basename(path))
    if "fork" in allow:
        # The deadline's watchdog is the sandbox's thread, not the snippet's: Python 3.12+
        # would warn that fork() in a process with threads is unsafe because of it.
        import warnings

        warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
    sys.addaudithook(make_hook(scratch, report and os.path.abspath(report), allow, snippet=path, tracker=tracker))
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


def _point_at(fd: int, path: str, flags: int) -> None:
    """Make file descriptor *fd* refer to the file at *path*."""
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, fd)
    os.close(opened)


def fork_jobs(jobs: list[dict[str, object]], workers: int) -> dict[str, object] | list[int]:
    """Fork a child per job, *workers* at a time, and wait for them all.

    In the parent, returns every child's exit status, in job order; whatever
    a child left running in its process group is killed.  In a child,
    returns its job at once, with standard output and error pointing at the
    job's files.  Nothing here may catch exceptions or clean up on the way
    out: in a child, that code would run a second time.
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
                os.setpgid(0, 0)
                _point_at(1, str(job["stdout"]), os.O_WRONLY | os.O_CREAT)
                _point_at(2, str(job["stderr"]), os.O_WRONLY | os.O_CREAT)
                return job
            running[pid] = index
        pid, status = os.wait()
        try:
            os.killpg(pid, signal.SIGKILL)  # anything the snippet left behind
        except (ProcessLookupError, PermissionError):
            pass
        statuses[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    return statuses


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=int, metavar="WORKERS", help="run the jobs read from stdin, forked")
    parser.add_argument("--report", help="write the final check's report here")
    parser.add_argument("--scratch", help="the only folder the snippet may write in (default: the temporary folder)")
    parser.add_argument("--allow", action="append", default=[], choices=sorted(GUARDED), help="grant a permission")
    parser.add_argument("--private-network", action="store_true", help="bring loopback up in a new network namespace")
    parser.add_argument("snippet", nargs="?")
    parser.add_argument("deadline", nargs="?", type=float, default=DEFAULT_DEADLINE)
    args = parser.parse_args(argv)
    if args.private_network:
        bring_loopback_up()
    if args.batch:
        outcome = fork_jobs(json.load(sys.stdin), args.batch)
        if isinstance(outcome, dict):  # this is a child: run its snippet, then exit as a fresh interpreter would
            run_snippet(
                str(outcome["path"]), float(str(outcome["deadline"])),
                report=outcome.get("report"), scratch=outcome.get("scratch"),  # type: ignore[arg-type]
                allow=frozenset(outcome.get("allow") or ()),  # type: ignore[call-overload]
            )  # fmt: skip
            return 0
        json.dump(outcome, sys.stdout)
        return 0
    if not args.snippet:
        parser.error("name a snippet, or --batch WORKERS")
    if args.scratch:
        os.makedirs(args.scratch, exist_ok=True)
    run_snippet(args.snippet, args.deadline, report=args.report, scratch=args.scratch, allow=frozenset(args.allow))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
