"""Switch on TCP keep-alive for one connection, choose its timings, and read them back."""

import socket

TCP = socket.IPPROTO_TCP
# The idle time before the first probe is TCP_KEEPIDLE on Linux and Windows,
# TCP_KEEPALIVE on macOS.
KEEPIDLE = socket.TCP_KEEPIDLE if hasattr(socket, "TCP_KEEPIDLE") else socket.TCP_KEEPALIVE

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        with conn:
            # The server side wants to notice a client that vanished.
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            conn.setsockopt(TCP, KEEPIDLE, 60)  # first probe after 60 s of silence
            conn.setsockopt(TCP, socket.TCP_KEEPINTVL, 10)  # then one probe every 10 s
            conn.setsockopt(TCP, socket.TCP_KEEPCNT, 5)  # give up after 5 unanswered probes

            print("SO_KEEPALIVE on:", conn.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) != 0)
            print("idle seconds before the first probe:", conn.getsockopt(TCP, KEEPIDLE))
            print("seconds between probes:", conn.getsockopt(TCP, socket.TCP_KEEPINTVL))
            print("unanswered probes before giving up:", conn.getsockopt(TCP, socket.TCP_KEEPCNT))

            if hasattr(socket, "TCP_USER_TIMEOUT"):  # Linux only
                # Sent data that stays unacknowledged for 30 s ends the connection.
                conn.setsockopt(TCP, socket.TCP_USER_TIMEOUT, 30_000)
                user_timeout = conn.getsockopt(TCP, socket.TCP_USER_TIMEOUT)
                print("TCP_USER_TIMEOUT in milliseconds:", user_timeout)

            # Keep-alive only adds probes while the connection is idle; data flows as before.
            client.sendall(b"hello")
            print("the connection still works:", conn.recv(1024))
