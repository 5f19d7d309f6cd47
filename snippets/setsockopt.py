"""Change socket options with setsockopt(), and check them with getsockopt()."""

import socket
import struct
import sys

SOL_SOCKET = socket.SOL_SOCKET
# struct linger is two C ints on Linux and macOS, two unsigned shorts on Windows.
LINGER = struct.Struct("HH" if sys.platform == "win32" else "ii")

with socket.socket() as sock:
    # An int value: 1 switches a yes/no option on.
    sock.setsockopt(SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print("SO_REUSEADDR on:", sock.getsockopt(SOL_SOCKET, socket.SO_REUSEADDR) != 0)

    # Options of the TCP layer use the level IPPROTO_TCP.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print("TCP_NODELAY on:", sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)

    sock.setsockopt(SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    print("SO_KEEPALIVE on:", sock.getsockopt(SOL_SOCKET, socket.SO_KEEPALIVE) != 0)
    # 0 switches it off again.
    sock.setsockopt(SOL_SOCKET, socket.SO_KEEPALIVE, 0)
    print("SO_KEEPALIVE on:", sock.getsockopt(SOL_SOCKET, socket.SO_KEEPALIVE) != 0)

    # A bytes value: the C struct the option expects, packed with struct.
    # Here: on close(), wait up to 5 seconds for unsent data to go out.
    sock.setsockopt(SOL_SOCKET, socket.SO_LINGER, LINGER.pack(1, 5))
    raw = sock.getsockopt(SOL_SOCKET, socket.SO_LINGER, LINGER.size)
    onoff, seconds = LINGER.unpack(raw)
    print("SO_LINGER on:", onoff != 0, "for", seconds, "seconds")

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    # A TCP option means nothing to a UDP socket.
    try:
        udp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError as exc:
        print("TCP_NODELAY on a UDP socket:", type(exc).__name__)
