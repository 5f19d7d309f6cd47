"""socketpair() returns two sockets that are already connected to each other."""

import socket

left, right = socket.socketpair()
with left, right:
    for end in (left, right):
        end.settimeout(2)
    print("type:", left.type.name, right.type.name)

    # No bind(), listen() or connect(): the two ends can talk at once, both ways.
    left.sendall(b"ping")
    print("right received:", right.recv(1024))
    right.sendall(b"pong")
    print("left received:", left.recv(1024))

    left.close()
    print("after left.close():", right.recv(1024))
