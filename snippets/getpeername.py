"""getpeername() tells a connected socket the address of the other end."""

import errno
import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        try:
            client.getpeername()
        except OSError as exc:
            print("before connect():", type(exc).__name__, errno.errorcode[exc.errno])

        client.connect(server.getsockname())
        conn, address = server.accept()
        with conn:
            host, port = client.getpeername()
            print("client's peer, host:", host)
            print("client's peer is the server:", (host, port) == server.getsockname())
            # Each end's peer is the other end's own address.
            print("server side's peer is the client:", conn.getpeername() == client.getsockname())
            print("accept() returned the same address:", address == conn.getpeername())

    # A listening socket waits for connections; it has no peer of its own.
    try:
        server.getpeername()
    except OSError as exc:
        print("listening socket:", type(exc).__name__, errno.errorcode[exc.errno])
