"""recvfrom_into() receives a datagram into your buffer and says who sent it."""

import socket

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver:
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(2)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.bind(("127.0.0.1", 0))
        sender.sendto(b"ping", receiver.getsockname())
        sender.sendto(b"a datagram longer than the buffer", receiver.getsockname())
        sender.sendto(b"pong", receiver.getsockname())

        buffer = bytearray(16)
        count, address = receiver.recvfrom_into(buffer)
        print("received:", count, "bytes:", bytes(buffer[:count]))
        print("from the sender's address:", address == sender.getsockname())

        try:
            count, address = receiver.recvfrom_into(buffer)
            # The part that did not fit is gone: the next call gets the next datagram.
            print("a long datagram, cut to", count, "bytes:", bytes(buffer[:count]))
        except OSError as exc:  # Windows refuses to cut a datagram short
            print("a long datagram did not fit:", type(exc).__name__)
        count, address = receiver.recvfrom_into(buffer)
        print("the next datagram:", bytes(buffer[:count]))
