"""New sockets are non-inheritable; set_inheritable() changes that, and dup() never copies it."""

import socket

with socket.socket() as sock:
    print("new socket, get_inheritable():", sock.get_inheritable())
    sock.set_inheritable(True)
    print("after set_inheritable(True):", sock.get_inheritable())
    with sock.dup() as copy:
        print("a dup() of it:", copy.get_inheritable())
    sock.set_inheritable(False)
    print("after set_inheritable(False):", sock.get_inheritable())

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.set_inheritable(True)
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        with conn:
            # accept() creates a new socket: it does not take the listening socket's flag.
            print("accepted from an inheritable server:", conn.get_inheritable())
