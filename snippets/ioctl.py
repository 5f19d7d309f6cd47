"""ioctl() sets per-connection TCP keep-alive timings (Windows only)."""

import socket
import sys

if sys.platform != "win32":
    print("This example needs Windows: socket.ioctl() exists only there.")
    sys.exit(77)

with socket.socket() as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    with socket.create_connection(server.getsockname(), timeout=2) as client:
        conn, _ = server.accept()
        with conn:
            # (on, idle time before the first probe, time between probes), in milliseconds
            client.ioctl(socket.SIO_KEEPALIVE_VALS, (1, 60_000, 5_000))
            print("keep-alive turned on with custom timings")

            # The connection works as before; keep-alive only adds probes when it is idle.
            client.sendall(b"still connected")
            print("server reads:", conn.recv(1024))

            try:
                client.ioctl(0x12345678, 0)  # not one of the codes Python supports
            except ValueError as exc:
                print("an unsupported control code:", type(exc).__name__)
