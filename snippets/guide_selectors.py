"""One thread, many clients: selectors tells the server which sockets are ready."""

import selectors
import socket
import threading
from contextlib import ExitStack


class Connection:
    """What the server remembers about one client between two events."""

    def __init__(self):
        self.outgoing = bytearray()  # reply bytes not sent yet
        self.client_done = False  # the client has shut down its sending side


def serve_ready(selector, conn, state, events):
    """Do what a ready connection allows without waiting, then say what to wait for."""
    if events & selectors.EVENT_READ:
        data = conn.recv(1024)
        if data:
            state.outgoing += data.upper()
        else:
            state.client_done = True
    if events & selectors.EVENT_WRITE:
        sent = conn.send(state.outgoing)  # may send only part of it
        del state.outgoing[:sent]
    if state.client_done and not state.outgoing:
        selector.unregister(conn)
        conn.close()
        return
    wanted = 0 if state.client_done else selectors.EVENT_READ
    if state.outgoing:
        wanted |= selectors.EVENT_WRITE
    selector.modify(conn, wanted, state)


def serve(server, wakeup, accepted):
    """Serve every client from this one thread until *wakeup* becomes readable."""
    with selectors.DefaultSelector() as selector:
        selector.register(server, selectors.EVENT_READ)
        selector.register(wakeup, selectors.EVENT_READ)
        try:
            while True:
                ready = selector.select(timeout=2)  # a real server may wait without limit
                if not ready:
                    raise TimeoutError("nothing happened for 2 seconds")
                for key, events in ready:
                    if key.fileobj is wakeup:
                        return
                    if key.fileobj is server:
                        conn, _ = server.accept()
                        conn.setblocking(False)
                        state = Connection()
                        selector.register(conn, selectors.EVENT_READ, state)
                        accepted.append(state)
                    else:
                        try:
                            serve_ready(selector, key.fileobj, key.data, events)
                        except OSError:  # one client's trouble must not stop the others
                            selector.unregister(key.fileobj)
                            key.fileobj.close()
        finally:
            for key in list(selector.get_map().values()):
                if isinstance(key.data, Connection):  # a client still connected
                    selector.unregister(key.fileobj)
                    key.fileobj.close()


def ask(client, text):
    """Send *text*, say that was all, and read the reply to its end."""
    client.sendall(text)
    client.shutdown(socket.SHUT_WR)
    reply = b""
    while data := client.recv(1024):
        reply += data
    return reply


with socket.create_server(("127.0.0.1", 0)) as server:
    server.setblocking(False)
    address = server.getsockname()
    wakeup, stop_signal = socket.socketpair()  # a byte sent on stop_signal stops the server
    with wakeup, stop_signal:
        accepted = []
        server_thread = threading.Thread(target=serve, args=(server, wakeup, accepted))
        server_thread.start()
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
            stop_signal.send(b"x")
            server_thread.join()
    print("connections served:", len(accepted))
    finished = all(state.client_done and not state.outgoing for state in accepted)
    print("every reply sent in full:", finished)
    print("server thread still running:", server_thread.is_alive())
