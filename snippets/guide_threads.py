"""One thread per connection: the server talks to three clients at the same time."""

import socket
import threading
from contextlib import ExitStack


def handle(conn):
    """Serve one client in its own thread: send back what it sends, in capitals."""
    with conn:
        conn.settimeout(2)
        while data := conn.recv(1024):
            conn.sendall(data.upper())


def accept_clients(server, stopping, handlers):
    while not stopping.is_set():
        try:
            conn, _ = server.accept()
        except TimeoutError:
            continue  # no new client: look at the stop signal again
        handler = threading.Thread(target=handle, args=(conn,))
        handler.start()
        handlers.append(handler)


def ask(client, text):
    """Send *text*, say that was all, and read the reply to its end."""
    client.sendall(text)
    client.shutdown(socket.SHUT_WR)
    reply = b""
    while data := client.recv(1024):
        reply += data
    return reply


with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(0.1)  # how often accept() stops waiting to check the signal
    address = server.getsockname()
    stopping = threading.Event()
    handlers = []
    acceptor = threading.Thread(target=accept_clients, args=(server, stopping, handlers))
    acceptor.start()
    try:
        with ExitStack() as stack:
            clients = {
                name: stack.enter_context(socket.create_connection(address, timeout=2))
                for name in ("A", "B", "C")
            }
            print("clients connected:", *clients)
            for name in ("C", "B", "A"):  # the last one to connect is served first
                print(f"client {name} got:", ask(clients[name], f"hello from {name}".encode()))
    finally:
        stopping.set()  # stop accepting, then wait for every thread
        acceptor.join()
        for handler in handlers:
            handler.join()
    print("connections served:", len(handlers))
    print("threads still running:", any(t.is_alive() for t in (acceptor, *handlers)))
