"""getblocking() says whether calls may wait: it is False only with a timeout of 0."""

import socket


def show(what: str, sock: socket.socket) -> None:
    print(f"{what:<20} getblocking() {sock.getblocking()}, gettimeout() {sock.gettimeout()}")


with socket.socket() as sock:
    show("new socket:", sock)
    sock.settimeout(2)
    show("settimeout(2):", sock)
    sock.setblocking(False)
    show("setblocking(False):", sock)
    sock.settimeout(0.5)
    show("settimeout(0.5):", sock)
    sock.settimeout(0)
    show("settimeout(0):", sock)
    sock.setblocking(True)
    show("setblocking(True):", sock)
