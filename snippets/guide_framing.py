"""TCP keeps the order of the bytes, but not the boundaries between sends."""

import socket

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    with socket.create_connection(server.getsockname(), timeout=2) as sender:
        receiver, _ = server.accept()
        with receiver:
            # Two messages, one recv()
            first, second = b"hello", b"world"
            sender.sendall(first)
            sender.sendall(second)
            print("two messages sent:", first, second)
            # Wait, without taking anything, until all 10 bytes are there, as if
            # the receiver had been busy: this makes the output the same every
            # time. (MSG_WAITALL waits only on a socket without a timeout.)
            receiver.recv(10, socket.MSG_PEEK | socket.MSG_WAITALL)
            receiver.settimeout(2)
            print("one recv(1024) returned:", receiver.recv(1024))

            # One message, two recv() calls
            message = b"one long message"
            print("one message sent in two parts:", message)
            sender.sendall(message[:7])  # the rest comes later, as on a slow network
            print("first recv(1024) returned:", receiver.recv(1024))
            sender.sendall(message[7:])
            print("second recv(1024) returned:", receiver.recv(1024))
