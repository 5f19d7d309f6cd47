"""recvmsg() receives a file descriptor as ancillary data; recvmsg_into() scatters data into buffers."""

import array
import os
import socket
import sys

if not hasattr(socket.socket, "recvmsg"):
    print("This example needs Linux, macOS or another Unix: socket.recvmsg() does not exist on Windows.")
    sys.exit(77)

FD_SIZE = array.array("i").itemsize  # descriptors travel as C ints


def received_fds(ancdata):
    """The descriptors carried by SCM_RIGHTS items: each one is now open in this process."""
    fds = array.array("i")
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - len(data) % FD_SIZE])
    return list(fds)


sender, receiver = socket.socketpair()
with sender, receiver:
    receiver.settimeout(2)

    # 1. Pass one end of another socket pair, as ancillary data.
    inner, partner = socket.socketpair()
    with inner, partner:
        partner.settimeout(2)
        rights = array.array("i", [inner.fileno()])
        sender.sendmsg([b"take this"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, rights)])

        data, ancdata, msg_flags, _ = receiver.recvmsg(1024, socket.CMSG_SPACE(FD_SIZE))
        fds = received_fds(ancdata)
        try:
            print("data:", data)
            print("received a descriptor:", len(fds) == 1)
            print("ancillary data truncated:", bool(msg_flags & socket.MSG_CTRUNC))
            # fromfd() wraps a copy of the descriptor; the finally block closes the original.
            with socket.fromfd(fds[0], socket.AF_UNIX, socket.SOCK_STREAM) as passed:
                passed.sendall(b"via the passed socket")
            print("partner reads:", partner.recv(1024))
        finally:
            for fd in fds:
                os.close(fd)

    # 2. recvmsg_into() fills the buffers you give it, one after the other.
    sender.sendall(b"12:hello, world")
    header, body = bytearray(3), bytearray(12)
    nbytes, _, _, _ = receiver.recvmsg_into([header, body])
    print("bytes received:", nbytes)
    print("header:", header, "body:", body)
