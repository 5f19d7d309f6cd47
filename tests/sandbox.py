"""Run one snippet inside a loopback-only sandbox with a deadline.

Usage: ``python -X dev -W error tests/sandbox.py SNIPPET.py [DEADLINE_SECONDS]``

* An audit hook refuses every socket operation aimed at an address outside
  the loopback range (127.0.0.0/8 and ::1), and AF_UNIX paths outside the
  system's temporary folder.  The refusal is a ``PermissionError`` raised in
  the snippet, so its traceback names the snippet's line and the address.
* ``faulthandler`` dumps every thread's stack and exits if the snippet is
  still running at the deadline, so a hang names the call that blocked.

Standard library only: readers run snippets with this too.
"""

from __future__ import annotations

import faulthandler
import os
import runpy
import socket
import sys

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


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[0]
    deadline = float(argv[1]) if len(argv) == 2 else DEFAULT_DEADLINE
    sys.addaudithook(refuse_outside_loopback)
    faulthandler.dump_traceback_later(deadline, exit=True)
    sys.argv = [path]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    try:
        runpy.run_path(path, run_name="__main__")
    finally:
        faulthandler.cancel_dump_traceback_later()
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
