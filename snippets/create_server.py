"""create_server() creates, binds and listens in one call, and can restart at once."""

import errno
import socket

ADDRESS = ("127.0.0.1", 0)


def close_one_connection(server):
    """Accept a client and close the server's side first, which then lingers in TIME_WAIT."""
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, peer = server.accept()
        with conn:
            print("accepted:", peer == client.getsockname())
        print("client sees the end:", client.recv(1024))


with socket.create_server(ADDRESS) as server:
    server.settimeout(2)
    print("family and type:", server.family.name, server.type.name)
    print("bound to:", server.getsockname()[0])
    address = server.getsockname()  # keep the port to restart on it below
    # Already listening: a client can connect and be accepted right away.
    close_one_connection(server)

# A plain socket may not bind the port yet: the old connection still holds it.
with socket.socket() as plain:
    try:
        plain.bind(address)
    except OSError as exc:
        print("plain bind():", errno.errorcode[exc.errno])

# SO_REUSEADDR (set by create_server() on POSIX) lets a new server take the port.
with socket.create_server(address) as restarted:
    print("restarted on the same port:", restarted.getsockname() == address)

# A plain server without SO_REUSEADDR leaves connections that block even create_server().
with socket.socket() as plain_server:
    plain_server.settimeout(2)
    plain_server.bind(ADDRESS)
    plain_server.listen()
    address = plain_server.getsockname()
    close_one_connection(plain_server)
try:
    with socket.create_server(address):
        print("restarted after a plain server: True")
except OSError as exc:
    print("create_server() after a plain server:", errno.errorcode[exc.errno])
