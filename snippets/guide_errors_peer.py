"""What a program sees when its peer goes away: a normal close, then a reset."""

import socket
import struct
import sys
import traceback

# struct linger (on/off, seconds): two C ints, but two unsigned shorts on Windows.
LINGER = struct.Struct("HH" if sys.platform == "win32" else "ii")


def show(exc):
    # The last line of a traceback: the exception's class, then its message.
    print(traceback.format_exception_only(exc)[-1], end="")


with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)

    # The peer closes normally: recv() reports the end, and a write is still accepted.
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        conn.close()
        print("recv() after the peer closed:", client.recv(1024))
        client.sendall(b"are you there?")
        print("sendall() after that: no error yet")

    # The peer aborts: linger on, with 0 seconds, makes close() send a reset.
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER.pack(1, 0))
        conn.close()
        try:
            client.recv(1024)
        except ConnectionResetError as exc:
            show(exc)
        try:
            client.sendall(b"are you there?")
        except BrokenPipeError as exc:
            show(exc)
