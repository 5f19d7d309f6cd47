"""shutdown() ends one direction of a connection, for every handle on it, and closes nothing."""

import errno
import socket


def connect_to(server):
    """Return both ends of a new connection to the listening socket *server*."""
    client = socket.create_connection(server.getsockname(), timeout=2)
    conn, _ = server.accept()
    conn.settimeout(2)
    return client, conn


with socket.socket() as lonely:
    try:
        lonely.shutdown(socket.SHUT_RDWR)
    except OSError as exc:
        print("shutdown() on an unconnected socket:", errno.errorcode[exc.errno])

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()

    # Half-close: the client stops sending, but can still receive.
    client, conn = connect_to(server)
    with client, conn:
        client.sendall(b"question")
        client.shutdown(socket.SHUT_WR)
        print("server receives:", conn.recv(1024))
        print("server receives:", conn.recv(1024))
        conn.sendall(b"answer")
        print("client still receives:", client.recv(1024))
        print("client still has its file descriptor:", client.fileno() >= 0)

    # Two handles on one connection, as after dup() or in a child process.
    client, conn = connect_to(server)
    with client, conn, client.dup() as copy:
        client.shutdown(socket.SHUT_WR)
        print("shutdown() on one handle; the server receives:", conn.recv(1024))
        try:
            copy.send(b"late")
        except OSError as exc:
            print("the other handle cannot send either:", type(exc).__name__)

    client, conn = connect_to(server)
    with client, conn, client.dup() as copy:
        client.close()
        conn.settimeout(0.1)
        try:
            conn.recv(1024)
        except TimeoutError:
            print("close() on one handle; the server receives nothing and times out")
