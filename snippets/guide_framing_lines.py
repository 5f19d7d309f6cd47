"""Line framing: each message ends with b"\n", and makefile() finds the ends."""

import socket

MAX_LINE = 1024  # a peer that never sends b"\n" must not fill our memory

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    with socket.create_connection(server.getsockname(), timeout=2) as sender:
        receiver, _ = server.accept()
        # Cut anywhere: the sends need not match the lines.
        sender.sendall(b"first line\nsecond ")
        sender.sendall(b"line\nthird line\nno newline at the end")
        # A file object's reads wait for a whole line, so send everything first.
        sender.shutdown(socket.SHUT_WR)

        with receiver, receiver.makefile("rb") as reader:
            while line := reader.readline(MAX_LINE):
                if line.endswith(b"\n"):
                    print("message:", line[:-1])
                else:
                    print("incomplete line:", line)  # too long, or the stream ended
