"""Bind a socket to a loopback address, then try to bind a second one there."""

import errno
import socket

with socket.socket() as server:
    # Port 0 asks the system for any free (ephemeral) port.
    server.bind(("127.0.0.1", 0))
    host, port = server.getsockname()
    print("bound to", host)
    print("the system chose a port:", port > 0)

    with socket.socket() as rival:
        try:
            rival.bind((host, port))
        except OSError as exc:
            print("second bind to the same address:", errno.errorcode[exc.errno])
