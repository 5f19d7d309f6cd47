"""An application heartbeat: a receiver that declares its peer dead after a silence."""

import socket

HEARTBEAT = b"."  # one byte, so that each recv(1) reads exactly one heartbeat
SILENCE_LIMIT = 0.1  # seconds without a heartbeat before the peer counts as dead


def watch(conn):
    """Count heartbeats until the peer closes or stays silent for too long."""
    conn.settimeout(SILENCE_LIMIT)
    beats = 0
    while True:
        try:
            data = conn.recv(1)
        except TimeoutError:
            return f"{beats} heartbeats, then {SILENCE_LIMIT} s of silence: presumed dead"
        if not data:
            return f"{beats} heartbeats, then the connection was closed"
        beats += 1


with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)

    # A peer that hangs: it stays connected but sends nothing after three heartbeats.
    with socket.create_connection(server.getsockname(), timeout=2) as peer:
        conn, _ = server.accept()
        with conn:
            for _ in range(3):
                peer.sendall(HEARTBEAT)
            print("silent peer:", watch(conn))

    # A peer that closes: recv() returns b"" at once, no timeout needed.
    with socket.create_connection(server.getsockname(), timeout=2) as peer:
        conn, _ = server.accept()
        with conn:
            for _ in range(2):
                peer.sendall(HEARTBEAT)
            peer.close()
            print("closing peer:", watch(conn))
