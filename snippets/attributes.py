"""family, type, proto and timeout describe a socket; you can read them, not assign them."""

import socket

with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    for sock in (tcp, udp):
        print(sock.family.name, sock.type.name, "proto", sock.proto, "timeout", sock.timeout)
    print("classes:", type(tcp.family).__name__, type(tcp.type).__name__, type(tcp.proto).__name__)

    tcp.settimeout(2)
    print("after settimeout(2): timeout", tcp.timeout, "- same as gettimeout():", tcp.timeout == tcp.gettimeout())
    tcp.setblocking(False)
    # Since Python 3.7 the type stays SOCK_STREAM in non-blocking mode.
    print("after setblocking(False): timeout", tcp.timeout, "type", tcp.type.name)

    for name, value in (("family", socket.AF_INET6), ("timeout", 5.0)):
        try:
            setattr(tcp, name, value)
        except AttributeError as exc:
            print(f"tcp.{name} = ...:", type(exc).__name__)
