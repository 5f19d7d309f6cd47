"""connect() raises ConnectionRefusedError until the server listens, then succeeds."""

import errno
import os
import socket
import tempfile

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    address = server.getsockname()

    # Bound but not listening yet: the system refuses the connection.
    with socket.socket() as client:
        # Windows retries a refused connection for about two seconds.
        client.settimeout(5)
        try:
            client.connect(address)
        except ConnectionRefusedError as exc:
            print("connect raised:", type(exc).__name__, errno.errorcode[exc.errno])

    # After a failed connect(), try again with a new socket, not the old one.
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        print("connect returned:", client.connect(address))
        print("peer is the server:", client.getpeername() == address)
        # The client never called bind(): the system gave it an address.
        host, port = client.getsockname()
        print("client's own address:", host)
        print("client got an ephemeral port:", port > 0)

    # A non-blocking TCP socket does not wait for the handshake: connect() raises at once.
    with socket.socket() as client:
        client.setblocking(False)
        try:
            client.connect(address)
        except BlockingIOError as exc:
            print("non-blocking TCP connect raised:", type(exc).__name__, errno.errorcode[exc.errno])

# An AF_UNIX connection needs no handshake: even a non-blocking connect() succeeds at once.
if hasattr(socket, "AF_UNIX"):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "server.sock")
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path)
            server.listen()
            with socket.socket(socket.AF_UNIX) as client:
                client.setblocking(False)
                print("non-blocking AF_UNIX connect returned:", client.connect(path))
