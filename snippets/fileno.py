"""fileno() is the number that select and selectors use to watch a socket."""

import selectors
import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        with conn, selectors.DefaultSelector() as selector:
            # The numbers differ between runs and systems: print facts about them.
            print("open socket, fileno() >= 0:", conn.fileno() >= 0)
            numbers = {server.fileno(), client.fileno(), conn.fileno()}
            print("three sockets, three numbers:", len(numbers) == 3)

            key = selector.register(conn, selectors.EVENT_READ)
            print("the selector watches fileno():", key.fd == conn.fileno())
            print("readable before the client sends:", selector.select(timeout=0) != [])
            client.sendall(b"ping")
            ready = [key.fileobj for key, _ in selector.select(timeout=2)]
            print("readable after the client sends:", ready == [conn])
            print("recv:", conn.recv(1024))

        print("after close(), fileno():", conn.fileno())
