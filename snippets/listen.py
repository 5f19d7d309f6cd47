"""After listen(), clients can connect even before the server calls accept()."""

import socket


def is_listening(sock):
    # SO_ACCEPTCONN is 0 before listen() and non-zero after (1 on Linux).
    return bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))


with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    print("listening before listen():", is_listening(server))
    server.listen()  # no backlog given: Python picks a sensible default
    print("listening after listen():", is_listening(server))

    with socket.socket() as first, socket.socket() as second:
        for client in (first, second):
            client.settimeout(2)
            client.connect(server.getsockname())
            # The connection is complete and waits in the backlog.
            print("connected, not accepted yet:", client.getpeername() == server.getsockname())

        for client in (first, second):
            conn, address = server.accept()
            with conn:
                print("accepted a waiting client:", address == client.getsockname())
