"""gethostbyname() and its relatives: the old, IPv4-only way to look up a host."""

import socket

print("gethostbyname('localhost'):", socket.gethostbyname("localhost"))
print("an address comes back as it is:", socket.gethostbyname("127.0.0.1"))

# Names and lists come from the hosts file (/etc/hosts), which differs between
# systems, so the example checks them instead of printing them.
_, _, addresses = socket.gethostbyname_ex("localhost")
print("gethostbyname_ex('localhost') lists 127.0.0.1:", "127.0.0.1" in addresses)
name, _, addresses = socket.gethostbyaddr("127.0.0.1")
print("gethostbyaddr('127.0.0.1') finds a name:", isinstance(name, str) and name != "")
print("and lists the address:", "127.0.0.1" in addresses)

try:
    socket.gethostbyname("::1")
except socket.gaierror as exc:
    print("an IPv6 address:", type(exc).__name__)
