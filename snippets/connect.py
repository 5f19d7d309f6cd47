"""connect() raises ConnectionRefusedError until the server listens, then succeeds."""

import errno
import socket

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
