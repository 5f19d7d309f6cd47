"""Bare socket descriptors: fromfd() wraps a copy, dup() copies, close() closes (module functions)."""

import errno
import os
import socket
import sys

if sys.platform == "win32":
    print("This example needs Linux or macOS: it checks descriptors with the os module.")
    sys.exit(77)

left, right = socket.socketpair()  # AF_UNIX, SOCK_STREAM
with left, right:
    right.settimeout(2)
    # A bare descriptor, such as a library or a parent process might hand you.
    fd = left.detach()
    print("a bare descriptor:", type(fd).__name__)

    # fromfd() wraps a copy of fd: the socket object owns the copy, fd stays yours.
    with socket.fromfd(fd, socket.AF_UNIX, socket.SOCK_STREAM) as wrapped:
        wrapped.settimeout(2)
        print("wrapped:", wrapped.family.name, wrapped.type.name)
        print("wrapped has its own descriptor:", wrapped.fileno() != fd)
        wrapped.sendall(b"sent through fromfd()")
        print("right receives:", right.recv(1024))

    # The with block closed only the copy: fd is still open, so dup() can copy it.
    # dup() makes a new descriptor, not a socket object.
    copy = socket.dup(fd)
    print("dup() returns another number:", copy != fd)
    print("the copy is inheritable:", os.get_inheritable(copy))

    # Each number must be closed once.
    socket.close(copy)
    socket.close(fd)
    print("right receives:", right.recv(1024))  # the last descriptor is gone: end of stream

    # Only to show the error: in real code never close a number twice, it may
    # already belong to a file or socket opened since.
    try:
        socket.close(fd)
    except OSError as exc:
        print("closing fd a second time:", errno.errorcode[exc.errno])
