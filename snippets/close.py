"""What close() does to a socket, to its peer, and while a makefile() object is open."""

import errno
import socket

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            client.sendall(b"last words")
            client.close()
            print("fileno() after close():", client.fileno())
            client.close()  # closing again does nothing
            print("second close(): no error")
            try:
                client.send(b"more")
            except OSError as exc:
                print("send() after close():", type(exc).__name__, errno.errorcode[exc.errno])
            # Data sent before close() still arrives; then b"" means "no more".
            print("peer receives:", conn.recv(1024))
            print("peer receives:", conn.recv(1024))

# A file object from makefile() keeps the file descriptor open after close().
with socket.socket() as sock:
    with sock.makefile("rb"):
        sock.close()
        print("closed, makefile() object still open, fileno() >= 0:", sock.fileno() >= 0)
    print("file object closed too, fileno():", sock.fileno())

with socket.socket() as sock:
    pass
print("after the with block, fileno():", sock.fileno())
