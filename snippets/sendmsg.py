"""sendmsg() gathers several buffers into one message, sent with one call."""

import socket
import sys

if not hasattr(socket.socket, "sendmsg"):
    print("This example needs Linux, macOS or another Unix: socket.sendmsg() does not exist on Windows.")
    sys.exit(77)

payload = b"hello, world"
header = b"%d:" % len(payload)  # a length prefix, kept in its own buffer

# A datagram socket pair keeps message boundaries, so each recv() shows one message.
left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
with left, right:
    right.settimeout(2)
    # No need to build header + payload first: the system joins the buffers.
    sent = left.sendmsg([header, payload])
    print("bytes sent:", sent, "=", len(header), "+", len(payload))
    # Any bytes-like object can be a buffer.
    left.sendmsg([b"one ", memoryview(b"more message"), bytearray(b"!")])
    print("first message:", right.recv(1024))
    print("second message:", right.recv(1024))

# An unconnected UDP socket names the destination in the fourth argument.
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
    receiver.settimeout(2)
    receiver.bind(("127.0.0.1", 0))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendmsg([b"to an ", b"address"], [], 0, receiver.getsockname())
        data, source = receiver.recvfrom(1024)
        print("UDP datagram:", data, "from", source[0])
