"""getsockname() tells a socket its own address, such as the port the system chose."""

import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    host, port = server.getsockname()
    # Never print the port itself: it changes from run to run.
    print("server bound to:", host)
    print("the system chose a port:", port > 0)
    server.listen()

    with socket.socket() as client:
        client.settimeout(2)
        # connect() without bind(): the system gives the client an ephemeral port.
        client.connect((host, port))
        client_host, client_port = client.getsockname()
        print("client's own address:", client_host)
        print("client got a port of its own:", client_port > 0 and client_port != port)

        conn, _ = server.accept()
        with conn:
            # A socket from accept() shares the listening socket's port (and, here, its host).
            print("accepted socket's address is the server's:", conn.getsockname() == (host, port))
