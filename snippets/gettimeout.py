"""gettimeout() tells which mode a socket is in: None, 0.0 or a number of seconds."""

import socket

with socket.socket() as sock:
    print("new socket:", sock.gettimeout())
    sock.settimeout(2)
    print("after settimeout(2):", sock.gettimeout())
    sock.setblocking(False)
    print("after setblocking(False):", sock.gettimeout())
    sock.setblocking(True)
    print("after setblocking(True):", sock.gettimeout())

    # getblocking() (Python 3.7+) answers the same question as gettimeout() != 0.
    for value in (None, 2, 0):
        sock.settimeout(value)
        print(f"settimeout({value}): getblocking() is {sock.getblocking()}")

# setdefaulttimeout() changes what sockets created later start with.
socket.setdefaulttimeout(1.5)
try:
    with socket.socket() as sock:
        print("new socket after setdefaulttimeout(1.5):", sock.gettimeout())
finally:
    socket.setdefaulttimeout(None)  # the setting is global: put it back
