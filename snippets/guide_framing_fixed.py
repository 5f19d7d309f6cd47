"""Length-prefix framing: each message travels as a 4-byte length, then its bytes."""

import socket
import struct
import threading

HEADER = "!I"  # unsigned 32-bit integer, network byte order: always 4 bytes
HEADER_SIZE = struct.calcsize(HEADER)
MAX_MESSAGE_SIZE = 10_000_000  # refuse a length that would exhaust memory
LARGE = bytes(range(256)) * 4000


def send_message(sock, payload):
    sock.sendall(struct.pack(HEADER, len(payload)) + payload)


def recv_exactly(sock, size):
    """Receive exactly *size* bytes, however many recv() calls that takes."""
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError(f"peer closed the connection after {len(data)} of {size} bytes")
        data += chunk
    return bytes(data)


def recv_message(sock):
    (size,) = struct.unpack(HEADER, recv_exactly(sock, HEADER_SIZE))
    if size > MAX_MESSAGE_SIZE:
        raise ConnectionError(f"message of {size} bytes is too large")
    return recv_exactly(sock, size)


def send_examples(sock):
    send_message(sock, b"hello")
    send_message(sock, b"world")
    send_message(sock, LARGE)  # large: it arrives in several pieces
    sock.sendall(struct.pack(HEADER, 10) + b"abc")  # promises 10 bytes, sends 3
    sock.shutdown(socket.SHUT_WR)


with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    with socket.create_connection(server.getsockname(), timeout=2) as sender:
        receiver, _ = server.accept()
        with receiver:
            receiver.settimeout(2)
            # sendall() of a large message waits for the receiver: send from a thread.
            sender_thread = threading.Thread(target=send_examples, args=(sender,))
            sender_thread.start()
            print("first message:", recv_message(receiver))
            print("second message:", recv_message(receiver))
            large = recv_message(receiver)
            print("third message:", len(large), "bytes, intact:", large == LARGE)
            try:
                recv_message(receiver)
            except ConnectionError as exc:
                print("fourth message:", type(exc).__name__, exc)
            sender_thread.join()
