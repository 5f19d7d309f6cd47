"""Socket calls raise OSError or one of its subclasses; the class names the failure."""

import errno
import socket

print("socket.error is OSError:", socket.error is OSError)
print("socket.timeout is TimeoutError:", socket.timeout is TimeoutError)
print("gaierror is an OSError:", issubclass(socket.gaierror, OSError))
print("herror is an OSError:", issubclass(socket.herror, OSError))
# OSError itself picks the subclass that matches the errno.
print("OSError(ECONNREFUSED, ...) is a", type(OSError(errno.ECONNREFUSED, "refused")).__name__)

# The error codes of getaddrinfo() are the EAI_* constants of the socket module.
EAI_NAMES = {getattr(socket, name): name for name in dir(socket) if name.startswith("EAI_")}


def attempt(what, action):
    """Call action() and report the exception it raises, most specific class first."""
    try:
        action()
    except TimeoutError as exc:
        print(f"{what}: TimeoutError, errno {exc.errno}")
    except ConnectionError as exc:
        print(f"{what}: {type(exc).__name__} (a ConnectionError), {errno.errorcode[exc.errno]}")
    except socket.gaierror as exc:
        print(f"{what}: gaierror, {EAI_NAMES[exc.errno]}")
    except OSError as exc:
        print(f"{what}: {type(exc).__name__}, {errno.errorcode[exc.errno]}")
    else:
        print(f"{what}: no exception")


# A port that is bound but not listening: the connection is refused.
with socket.socket() as bound, socket.socket() as client:
    bound.bind(("127.0.0.1", 0))
    client.settimeout(2)
    attempt("connect, nobody listening", lambda: client.connect(bound.getsockname()))

left, right = socket.socketpair()
with left, right:
    right.settimeout(0.1)
    attempt("recv, nothing arrives in time", lambda: right.recv(1024))
    right.setblocking(False)
    attempt("recv, non-blocking", lambda: right.recv(1024))
    right.close()
    left.settimeout(2)
    attempt("sendall, peer closed", lambda: left.sendall(b"hello"))

# AI_NUMERICHOST accepts only numeric addresses: a name is refused, never looked up.
attempt(
    "getaddrinfo, a name with AI_NUMERICHOST",
    lambda: socket.getaddrinfo("localhost", None, flags=socket.AI_NUMERICHOST),
)
