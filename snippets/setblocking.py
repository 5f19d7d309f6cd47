"""setblocking(False) makes recv() fail at once instead of waiting for data."""

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
            conn.setblocking(False)  # the same as conn.settimeout(0.0)
            print("setblocking(False): timeout", conn.gettimeout(), "blocking", conn.getblocking())
            try:
                conn.recv(1024)  # the client has sent nothing yet
            except BlockingIOError as exc:
                print("recv with no data waiting:", type(exc).__name__)
            # Since Python 3.7 the mode no longer shows up in the socket type.
            print("socket type:", conn.type.name)

            conn.setblocking(True)  # the same as conn.settimeout(None)
            print("setblocking(True): timeout", conn.gettimeout(), "blocking", conn.getblocking())
