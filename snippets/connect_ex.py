"""connect_ex() returns an error code where connect() raises an exception."""

import errno
import socket

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    address = server.getsockname()

    # Bound but not listening yet: the connection is refused.
    with socket.socket() as client:
        client.settimeout(2)
        code = client.connect_ex(address)
        print("connect_ex returned:", errno.errorcode[code])

    with socket.socket() as client:
        client.settimeout(2)
        try:
            client.connect(address)
        except ConnectionRefusedError as exc:
            print("connect raised:", type(exc).__name__)

    # Once the server listens, the same call succeeds and returns 0.
    server.listen()
    with socket.socket() as client:
        client.settimeout(2)
        print("connect_ex after listen():", client.connect_ex(address))
