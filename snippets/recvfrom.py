"""recvfrom() returns one datagram and the address of the socket that sent it."""

import socket

with (
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
):
    receiver.settimeout(2)
    receiver.bind(("127.0.0.1", 0))
    # Bound explicitly, so its own name is the address the receiver sees.
    sender.bind(("127.0.0.1", 0))

    sender.sendto(b"ping", receiver.getsockname())
    data, address = receiver.recvfrom(1024)
    print("data:", data)
    print("from the sender's address:", address == sender.getsockname())

    sender.sendto(b"a datagram too long", receiver.getsockname())
    sender.sendto(b"the next one", receiver.getsockname())
    try:
        data, _ = receiver.recvfrom(10)
        print("recvfrom(10):", data)
    except OSError as exc:
        # Windows raises an error here instead of cutting the datagram short.
        print("recvfrom(10):", type(exc).__name__)
    # The rest of the long datagram is gone: the next call gets the next one.
    data, _ = receiver.recvfrom(1024)
    print("recvfrom(1024):", data)
