"""getnameinfo() turns a socket address back into a host and a port, as text."""

import socket
import sys

if not socket.has_ipv6:
    print("this Python was built without IPv6 support")
    sys.exit(77)

# Both flags say "numbers, please": nothing is looked up.
NUMERIC = socket.NI_NUMERICHOST | socket.NI_NUMERICSERV

print("IPv4:", socket.getnameinfo(("127.0.0.1", 8080), NUMERIC))
host, port = socket.getnameinfo(("::1", 8080, 0, 0), NUMERIC)
print("IPv6:", (host, port))

# getaddrinfo() goes the other way, from the two strings back to the address.
numeric = socket.AI_NUMERICHOST | socket.AI_NUMERICSERV
infos = socket.getaddrinfo(host, port, socket.AF_INET6, socket.SOCK_STREAM, flags=numeric)
print("and back:", infos[0][4])

# NI_DGRAM: the port belongs to a UDP socket (it only matters for service names).
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    udp.bind(("127.0.0.1", 0))
    address = udp.getsockname()
    host, port = socket.getnameinfo(address, NUMERIC | socket.NI_DGRAM)
    print("UDP socket:", host, "port as text:", port == str(address[1]))

try:
    socket.getnameinfo(("localhost", 8080), NUMERIC)
except socket.gaierror as exc:
    print("a name, not an address:", type(exc).__name__, exc.errno == socket.EAI_NONAME)
