"""sendto() sends one datagram to the address you give it, without a connection."""

import socket

with (
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
):
    receiver.settimeout(2)
    receiver.bind(("127.0.0.1", 0))
    sender.bind(("127.0.0.1", 0))
    address = receiver.getsockname()

    print("sendto(b'ping', address) returned:", sender.sendto(b"ping", address))
    print("with flags:", sender.sendto(b"pong", 0, address))
    for _ in range(2):
        data, peer = receiver.recvfrom(1024)
        print("received:", data, "from the sender:", peer == sender.getsockname())

    # A connected datagram socket has a fixed destination: use send() instead.
    sender.connect(address)
    print("send(b'hi') returned:", sender.send(b"hi"))
    print("received:", receiver.recv(1024))
