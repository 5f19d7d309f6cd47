"""Create a TCP socket and a UDP socket, and look at what they are."""

import inspect
import socket

# -1 means "not given": socket() fills in AF_INET, SOCK_STREAM and 0 itself.
print("defaults:", inspect.signature(socket.socket))

# With no arguments, socket() makes an IPv4 TCP socket.
with socket.socket() as tcp:
    print("default:", tcp.family.name, tcp.type.name, "proto", tcp.proto)

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    print("UDP:", udp.family.name, udp.type.name, "proto", udp.proto)

with socket.socket() as tcp:
    # A child process started with subprocess does not get this socket.
    print("inheritable:", tcp.get_inheritable())

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    descriptor = udp.detach()  # udp hands its file descriptor over ...
# ... and fileno= wraps it, detecting the family and type by itself.
with socket.socket(fileno=descriptor) as adopted:
    print("from fileno:", adopted.family.name, adopted.type.name)
    descriptor = adopted.detach()

# An argument you do pass is not checked against the descriptor.
with socket.socket(type=socket.SOCK_STREAM, fileno=descriptor) as mislabelled:
    actual = socket.SocketKind(mislabelled.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE))
    print("with type=SOCK_STREAM:", mislabelled.type.name, "but SO_TYPE says", actual.name)
