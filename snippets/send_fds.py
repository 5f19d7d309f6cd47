"""send_fds() passes an open file to another socket; recv_fds() receives a new descriptor for it."""

import array
import os
import socket
import sys
import tempfile

if not hasattr(socket, "send_fds"):
    print("This example needs Linux, macOS or another Unix: socket.send_fds() does not exist on Windows.")
    sys.exit(77)

# An unnamed file in tempfile.gettempdir(): the system removes it when it is closed.
with tempfile.TemporaryFile() as file:
    file.write(b"written before the descriptor travelled\n")
    file.flush()

    sender, receiver = socket.socketpair()  # AF_UNIX: the only family that carries descriptors
    with sender, receiver:
        receiver.settimeout(2)
        # On a stream socket, at least one byte of data must go with the descriptors.
        socket.send_fds(sender, [b"a file for you"], [file.fileno()])
        data, fds, msg_flags, _ = socket.recv_fds(receiver, 1024, 1)
        try:
            print("data:", data)
            print("descriptors received:", len(fds))
            print("truncated:", bool(msg_flags & socket.MSG_CTRUNC))
            received = fds[0]
            print("a new number:", received != file.fileno())
            print("inheritable:", os.get_inheritable(received))
            # Both numbers stand for one open file, with one read/write position.
            os.lseek(received, 0, os.SEEK_SET)
            print("position seen through the original:", os.lseek(file.fileno(), 0, os.SEEK_CUR))
            print("read through the new number:", os.read(received, 1024))
        finally:
            for fd in fds:
                os.close(fd)

# How much room one descriptor needs in the ancillary data buffer.
fd_bytes = len(array.array("i", [0]).tobytes())
print("one descriptor is", fd_bytes, "bytes of data")
print("CMSG_LEN(n) = header + n:", socket.CMSG_LEN(fd_bytes) == socket.CMSG_LEN(0) + fd_bytes)
print("CMSG_SPACE(n) >= CMSG_LEN(n):", socket.CMSG_SPACE(fd_bytes) >= socket.CMSG_LEN(fd_bytes))
