"""fromshare() turns the bytes that share() returned into a socket object (Windows only)."""

import os
import socket
import sys

if sys.platform != "win32":
    print("This example needs Windows: socket.fromshare() exists only there.")
    sys.exit(77)

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    # Normally another process rebuilds the socket; sharing with this very
    # process keeps the example short.
    data = server.share(os.getpid())
    with socket.fromshare(data) as rebuilt:
        rebuilt.settimeout(2)
        print("rebuilt:", rebuilt.family.name, rebuilt.type.name)
        print("its own handle:", rebuilt.fileno() != server.fileno())
        print("the same listening socket:", rebuilt.getsockname() == server.getsockname())

        with socket.create_connection(server.getsockname(), timeout=2) as client:
            conn, _ = rebuilt.accept()  # the connection is accepted through the copy
            with conn:
                conn.settimeout(2)
                client.sendall(b"hello")
                print("received through the copy:", conn.recv(1024))
