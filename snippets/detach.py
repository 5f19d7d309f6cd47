"""detach() closes the socket object but hands you its file descriptor, which you must close."""

import socket

with socket.socket() as sock:
    sock.bind(("127.0.0.1", 0))
    address = sock.getsockname()
    descriptor = sock.detach()
    print("detach() returned an int:", isinstance(descriptor, int))
    print("socket object after detach(), fileno():", sock.fileno())
    try:
        sock.getsockname()
    except OSError as exc:
        print("getsockname() on the detached object:", type(exc).__name__)

# Leaving the with block did not close the descriptor: it is ours now.
# Wrapping it in a new socket object, in a with block, makes sure it gets closed.
with socket.socket(fileno=descriptor) as again:
    print("wrapped again:", again.family.name, again.type.name)
    print("still bound to the same address:", again.getsockname() == address)
print("closed by the with block, fileno():", again.fileno())
