"""create_connection() looks up a host name, connects, and sets the timeout."""

import errno
import socket

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    port = server.getsockname()[1]
    # A host name is fine: it is looked up, and each address is tried in turn.
    with socket.create_connection(("localhost", port), timeout=2) as client:
        conn, _ = server.accept()
        with conn:
            print("connected to:", client.getpeername()[0])
            print("family and type:", client.family.name, client.type.name)
            print("timeout:", client.gettimeout())

with socket.socket() as idle:
    idle.bind(("127.0.0.1", 0))  # bound but not listening: connections are refused
    try:
        with socket.create_connection(idle.getsockname(), timeout=2):
            pass
    except ConnectionRefusedError as exc:
        print("refused:", type(exc).__name__, errno.errorcode[exc.errno])
