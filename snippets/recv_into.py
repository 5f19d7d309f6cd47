"""recv_into() writes into a buffer you own and returns how many bytes it wrote."""

import socket


def recv_exactly(sock, size):
    """Receive exactly *size* bytes into one buffer, in as many pieces as they come."""
    data = bytearray(size)
    view = memoryview(data)
    while view:
        count = sock.recv_into(view)
        if count == 0:
            raise EOFError("the peer closed the connection too early")
        view = view[count:]  # the part that is still empty
    return data


with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            client.sendall(b"hello, world")
            client.shutdown(socket.SHUT_WR)

            buffer = bytearray(5)
            count = conn.recv_into(buffer)  # nbytes 0: up to len(buffer)
            print("recv_into(buffer):", count, buffer)
            count = conn.recv_into(buffer, 2)
            # Only the first 2 bytes are new: the rest is left over from before.
            print("recv_into(buffer, 2):", count, buffer)
            print("the new bytes:", bytes(buffer[:count]))
            print("recv_exactly(conn, 5):", recv_exactly(conn, 5))
            print("after the peer's shutdown:", conn.recv_into(buffer))

            try:
                conn.recv_into(buffer, 10)
            except ValueError as exc:
                print("nbytes larger than the buffer:", type(exc).__name__, exc)
            try:
                conn.recv_into(b"bytes are read-only")
            except TypeError as exc:
                print("a bytes object as buffer:", type(exc).__name__)
