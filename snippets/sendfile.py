"""sendfile() sends a file's contents over a connected stream socket."""

import io
import os
import socket
import tempfile


def recv_exactly(sock, size):
    """Receive exactly *size* bytes, however many pieces they arrive in."""
    data = b""
    while len(data) < size:
        piece = sock.recv(size - len(data))
        if not piece:
            raise EOFError("the peer closed the connection too early")
        data += piece
    return data


with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        with conn, tempfile.TemporaryFile() as file:  # mode "w+b": binary
            conn.settimeout(2)
            file.write(b"0123456789" * 3)
            file.seek(0)

            sent = client.sendfile(file)
            print("sendfile(file) sent", sent, "bytes; file.tell():", file.tell())
            print("the peer receives:", recv_exactly(conn, sent))

            sent = client.sendfile(file, offset=5, count=10)
            print("offset=5, count=10 sent", sent, "bytes; file.tell():", file.tell())
            print("the peer receives:", recv_exactly(conn, sent))

            # Not a regular file: sendfile() falls back to send().
            sent = client.sendfile(io.BytesIO(b"from memory"))
            print("from a BytesIO object:", recv_exactly(conn, sent))

            with tempfile.TemporaryFile("w+") as text_file:
                try:
                    client.sendfile(text_file)
                except ValueError as exc:
                    print("a text file:", type(exc).__name__, exc)
            client.setblocking(False)
            try:
                client.sendfile(file)
            except ValueError as exc:
                print("a non-blocking socket:", type(exc).__name__, exc)

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, io.BytesIO(b"data") as file:
    try:
        udp.sendfile(file)
    except ValueError as exc:
        print("a UDP socket:", type(exc).__name__, exc)

# socketpair() gives AF_UNIX stream sockets on Linux and macOS: sendfile() works there too.
left, right = socket.socketpair()
with left, right, tempfile.TemporaryFile() as file:
    left.settimeout(2)
    right.settimeout(2)
    file.write(b"over a pair")
    file.seek(0)
    sent = left.sendfile(file)
    print("over a socket pair:", recv_exactly(right, sent))
    try:
        left.sendfile(file, count=0)
    except ValueError as exc:
        print("count=0:", type(exc).__name__, exc)

    # A pipe has a descriptor, but on Linux its size reads as 0: nothing is sent.
    read_end, write_end = os.pipe()
    os.write(write_end, b"in a pipe")
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        print("from a pipe, sendfile() returned:", left.sendfile(pipe))
