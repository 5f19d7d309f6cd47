"""setdefaulttimeout() sets the timeout that sockets created afterwards start with."""

import socket


def show(label: str, value: float | None) -> None:
    print(f"{label + ':':<34}{value}")


saved = socket.getdefaulttimeout()
show("default at start", saved)

with socket.socket() as created_before:
    socket.setdefaulttimeout(2)
    try:
        show("default now", socket.getdefaulttimeout())
        show("socket created before", created_before.gettimeout())
        with socket.socket() as server:
            show("socket created after", server.gettimeout())
            server.bind(("127.0.0.1", 0))
            server.listen()
            server.settimeout(5)  # the listening socket's own timeout is not passed on
            with socket.create_connection(server.getsockname()) as client:
                show("create_connection()", client.gettimeout())
                conn, _ = server.accept()
                with conn:
                    show("accept()", conn.gettimeout())
            with socket.create_connection(server.getsockname(), timeout=None) as client:
                show("create_connection(timeout=None)", client.gettimeout())
    finally:
        # The setting is global: put back what was there before.
        socket.setdefaulttimeout(saved)

show("default restored", socket.getdefaulttimeout())
