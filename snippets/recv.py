"""recv() returns at most bufsize bytes, and b"" once the peer has closed its side."""

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
            try:
                conn.recv(1024)
            except TimeoutError as exc:
                print("nothing sent yet:", type(exc).__name__, exc)
            conn.settimeout(2)

            client.sendall(b"hello, world")
            # The client has nothing more to send: the server will see the end.
            client.shutdown(socket.SHUT_WR)

            print("peek:", conn.recv(5, socket.MSG_PEEK))
            print("recv(5):", conn.recv(5))
            print("recv(1024):", conn.recv(1024))
            print("after the peer's shutdown:", conn.recv(1024))
