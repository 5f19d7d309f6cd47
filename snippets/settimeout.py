"""settimeout() limits how long each blocking call may wait."""

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
            conn.settimeout(0.1)
            print("timeout:", conn.gettimeout())
            try:
                conn.recv(1024)  # the client sends nothing, so this waits 0.1 s
            except TimeoutError as exc:
                print("recv gave up:", type(exc).__name__, exc)
            print("socket.timeout is TimeoutError:", socket.timeout is TimeoutError)

            # The socket is still usable, and the next call gets its own 0.1 s.
            client.sendall(b"hello")
            print("next recv:", conn.recv(1024))

            try:
                conn.settimeout(-1)
            except ValueError as exc:
                print("settimeout(-1):", type(exc).__name__, exc)
