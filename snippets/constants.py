"""The socket module's constants are named integers; four families of them are enums."""

import socket

# Families, types, message flags and getaddrinfo() flags are enum members.
for constant in (socket.AF_INET, socket.SOCK_STREAM, socket.MSG_PEEK, socket.AI_PASSIVE):
    enum = type(constant).__name__
    print(f"{constant.name}: member of {enum}, an int: {isinstance(constant, int)}")

# Levels, options, shutdown() directions and the rest are plain ints, without a name.
for name in ("SOL_SOCKET", "SO_REUSEADDR", "SHUT_WR", "NI_NUMERICHOST", "SOMAXCONN"):
    print(f"{name}: {type(getattr(socket, name)).__name__}")

print("AF_INET6 in AddressFamily:", "AF_INET6" in socket.AddressFamily.__members__)
# Flags combine with |; the result is still a MsgFlag.
flags = socket.MSG_PEEK | socket.MSG_DONTWAIT
print("MSG_PEEK | MSG_DONTWAIT:", type(flags).__name__)
print("it includes MSG_PEEK:", bool(flags & socket.MSG_PEEK))

with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
    # getsockopt() returns a plain int: the enum turns it back into a name.
    kind = sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)
    print("SO_TYPE:", type(kind).__name__, "named", socket.SocketKind(kind).name)

left, right = socket.socketpair()
with left, right:
    right.settimeout(2)
    left.sendall(b"hello")
    print("recv with MSG_PEEK:", right.recv(1024, socket.MSG_PEEK))
    print("recv again:", right.recv(1024))
    # MSG_DONTWAIT skips the wait only on a socket without a timeout.
    right.settimeout(None)
    try:
        right.recv(1024, socket.MSG_DONTWAIT)
    except BlockingIOError:
        print("recv with MSG_DONTWAIT, nothing there: BlockingIOError")
