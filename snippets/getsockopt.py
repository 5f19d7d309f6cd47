"""Read socket options with getsockopt(): as an int, or as raw bytes with buflen."""

import socket
import struct
import sys

SOL_SOCKET = socket.SOL_SOCKET
# struct linger is two C ints on Linux and macOS, two unsigned shorts on Windows.
LINGER = struct.Struct("HH" if sys.platform == "win32" else "ii")

with socket.socket() as sock:
    kind = sock.getsockopt(SOL_SOCKET, socket.SO_TYPE)
    print("SO_TYPE:", socket.SocketKind(kind).name)

    # Yes/no options are 0 for "off"; "on" is 1 on Linux but may be another
    # non-zero number elsewhere, so compare with 0.
    print("SO_REUSEADDR on:", sock.getsockopt(SOL_SOCKET, socket.SO_REUSEADDR) != 0)
    print("TCP_NODELAY on:", sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)

    sock.bind(("127.0.0.1", 0))
    print("SO_ACCEPTCONN before listen():", sock.getsockopt(SOL_SOCKET, socket.SO_ACCEPTCONN) != 0)
    sock.listen()
    print("SO_ACCEPTCONN after listen():", sock.getsockopt(SOL_SOCKET, socket.SO_ACCEPTCONN) != 0)

    # SO_LINGER is a C struct, not an int: ask for its size in bytes and decode it.
    raw = sock.getsockopt(SOL_SOCKET, socket.SO_LINGER, LINGER.size)
    print("SO_LINGER comes back as:", type(raw).__name__)
    onoff, _seconds = LINGER.unpack(raw)
    print("SO_LINGER on:", onoff != 0)
