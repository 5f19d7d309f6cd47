"""dup() makes a second socket object for the same connection; closing one leaves the other working."""

import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            with client.dup() as copy:
                print("copy has its own file descriptor:", copy.fileno() != client.fileno())
                print("same connection, same address:", copy.getsockname() == client.getsockname())
                print("copy:", copy.family.name, copy.type.name, "timeout", copy.gettimeout())
                print("copy is inheritable:", copy.get_inheritable())

                client.close()
                print("original closed, its fileno():", client.fileno())
                copy.sendall(b"sent through the copy")
                print("peer receives:", conn.recv(1024))
            # The copy was the last object on the connection: closing it ends the connection.
            print("peer receives:", conn.recv(1024))
