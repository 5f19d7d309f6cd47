"""create_server() creates, binds and listens in one call, and can restart at once."""

import errno
import socket

ADDRESS = ("127.0.0.1", 0)

with socket.create_server(ADDRESS) as server:
    server.settimeout(2)
    print("family and type:", server.family.name, server.type.name)
    print("bound to:", server.getsockname()[0])
    address = server.getsockname()  # keep the port to restart on it below

    # Already listening: a client can connect and be accepted right away.
    with socket.create_connection(address, timeout=2) as client:
        conn, peer = server.accept()
        with conn:
            print("accepted:", peer == client.getsockname())
        # The server side closed first: once the client closes too, the server's
        # end of the connection lingers in TIME_WAIT and keeps the port busy.
        print("client sees the end:", client.recv(1024))

# A plain socket may not bind the port yet: the old connection still holds it.
with socket.socket() as plain:
    try:
        plain.bind(address)
    except OSError as exc:
        print("plain bind():", errno.errorcode[exc.errno])

# SO_REUSEADDR (set by create_server() on POSIX) lets a new server take the port.
with socket.create_server(address) as restarted:
    print("restarted on the same port:", restarted.getsockname() == address)
