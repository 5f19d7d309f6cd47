"""Six socket errors, each caused on purpose over loopback and printed as a traceback ends."""

import socket
import traceback


def show(exc):
    # The last line of a traceback: the exception's class, then its message.
    print(traceback.format_exception_only(exc)[-1], end="")


with socket.socket() as server:
    server.bind(("127.0.0.1", 0))  # bound, but not listening: no connection is accepted here
    address = server.getsockname()

    # 1. Connecting to a port where nothing listens.
    with socket.socket() as client:
        client.settimeout(2)
        try:
            client.connect(address)
        except ConnectionRefusedError as exc:
            show(exc)

    # 2. Binding to an address that another socket already holds.
    with socket.socket() as rival:
        try:
            rival.bind(address)
        except OSError as exc:
            show(exc)

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        with conn:
            # 3. Waiting longer than the timeout for data that never comes.
            conn.settimeout(0.1)
            try:
                conn.recv(1024)
            except TimeoutError as exc:
                show(exc)

            # 4. Asking a non-blocking socket for data that has not arrived.
            conn.setblocking(False)
            try:
                conn.recv(1024)
            except BlockingIOError as exc:
                show(exc)

# 5. A name where only a numeric address is allowed, so nothing is looked up.
try:
    socket.getaddrinfo("localhost", 80, flags=socket.AI_NUMERICHOST)
except socket.gaierror as exc:
    show(exc)

# 6. Using a socket after it was closed (here, by the end of its with block).
with socket.socket() as sock:
    pass
try:
    sock.recv(1024)
except OSError as exc:
    show(exc)
