"""accept() returns a new socket for each client; the server keeps listening."""

import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()

    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, address = server.accept()
        with conn:
            print("address is the client's address:", address == client.getsockname())
            print("conn shares the server's address:", conn.getsockname() == server.getsockname())
            print("conn's peer is the client:", conn.getpeername() == client.getsockname())
            # The server's timeout is not copied: conn starts out blocking.
            print("conn timeout:", conn.gettimeout())
            print("conn inheritable:", conn.get_inheritable())
            conn.settimeout(2)
            client.sendall(b"hello")
            print("conn received:", conn.recv(16))

    # The server is still listening; with no client waiting, accept() times out.
    server.settimeout(0.1)
    try:
        server.accept()
    except TimeoutError as exc:
        print("next accept():", type(exc).__name__, exc)
