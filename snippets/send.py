"""send() returns how many bytes it took, which can be fewer than you gave it."""

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
            print("send(b'hello') returned:", client.send(b"hello"))
            print("received:", conn.recv(1024))

            # 16 MB, and nobody reads it: the system buffers cannot hold it all,
            # so send() (on a socket with a timeout) takes what fits and returns.
            data = bytes(16_000_000)
            sent = client.send(data)
            print("send() took all 16 MB:", sent == len(data))
            # The program itself must send data[sent:], or call sendall().
