"""sendall() sends everything or raises, and its timeout covers the whole call."""

import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            print("sendall() returned:", client.sendall(b"hello, world"))
            print("received:", conn.recv(1024))

            # 16 MB, and nobody reads it: the buffers fill up and sendall() waits.
            client.settimeout(0.1)
            try:
                client.sendall(bytes(16_000_000))
            except TimeoutError as exc:
                print("sendall() raised:", type(exc).__name__, exc)
