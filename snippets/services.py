"""getservbyname(), getservbyport(), getprotobyname(): well-known names and their numbers."""

import os
import socket
import sys

# On Unix-like systems both databases are plain files, and small containers may lack them.
for database in ("/etc/services", "/etc/protocols"):
    if os.name == "posix" and not os.path.exists(database):
        print(f"{database} is missing here, so there is nothing to look up")
        sys.exit(77)

print("service 'http' over TCP: port", socket.getservbyname("http", "tcp"))
print("port 80 over TCP:", repr(socket.getservbyport(80, "tcp")))
print("protocol 'tcp':", socket.getprotobyname("tcp"), "and 'udp':", socket.getprotobyname("udp"))
print("the same as IPPROTO_TCP:", socket.getprotobyname("tcp") == socket.IPPROTO_TCP)

try:
    socket.getservbyname("no-such-service", "tcp")
except OSError as exc:
    print("unknown service:", type(exc).__name__, repr(str(exc)), "errno:", exc.errno)
try:
    socket.getprotobyname("no-such-protocol")
except OSError as exc:
    print("unknown protocol:", type(exc).__name__, repr(str(exc)))
