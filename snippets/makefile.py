"""makefile() wraps a connected socket in a file object that reads line by line."""

import socket

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        # Reads through makefile() block, so send everything and shut the
        # writing side first: every read then finds a line or the end.
        client.sendall(b"first line\nsecond line\n")
        client.shutdown(socket.SHUT_WR)

        with conn:
            print("accepted socket is blocking, timeout:", conn.gettimeout())
            with conn.makefile("rb") as reader:
                print("file object:", type(reader).__name__)
                print("readline():", reader.readline())
                for line in reader:
                    print("next line:", line)
                print("at the end:", reader.readline())
            print("file closed, socket still open:", conn.fileno() >= 0)

            with conn.makefile("wb") as writer:
                conn.close()  # only marks the socket closed: the file still uses it
                print("socket closed, descriptor kept:", conn.fileno() >= 0)
                writer.write(b"bye\n")
            print("client received:", client.recv(1024))
            print("both closed, fileno():", conn.fileno())

# On a non-blocking socket, a read that finds no data returns None instead of waiting.
left, right = socket.socketpair()
with left, right:
    right.setblocking(False)
    with right.makefile("rb") as reader:
        print("non-blocking read(), nothing sent yet:", reader.read(1024))
