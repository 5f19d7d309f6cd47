"""connect_ex() returns an error code where connect() raises an exception."""

import errno
import select
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
    server.settimeout(2)
    server.listen(0)  # a backlog of 0: Linux queues just one connection
    with socket.socket() as client:
        client.settimeout(2)
        print("connect_ex after listen():", client.connect_ex(address))
        select.select([server], [], [], 2)  # wait until the connection is in the backlog

        # The backlog is full, so the system does not answer: the timeout runs out.
        with socket.socket() as late:
            late.settimeout(0.1)
            print("backlog full, timeout:", errno.errorcode[late.connect_ex(address)])

        conn, _ = server.accept()
        with conn:
            # The accepted socket is connected already.
            print("already connected:", errno.errorcode[conn.connect_ex(conn.getpeername())])

    # A non-blocking socket only starts connecting and returns at once.
    with socket.socket() as client:
        client.setblocking(False)
        print("non-blocking:", errno.errorcode[client.connect_ex(address)])
