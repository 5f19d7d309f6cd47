"""if_nameindex(), if_nametoindex() and if_indextoname(): network interfaces by name and by index."""

import errno
import socket

interfaces = socket.if_nameindex()  # [(index, name), ...]: this machine's list
names = [name for _, name in interfaces]
print("every entry is (int, str):", all(isinstance(i, int) and isinstance(n, str) for i, n in interfaces))

# Linux calls the loopback interface "lo"; macOS and the BSDs call it "lo0".
loopback = "lo" if "lo" in names else "lo0"
print("loopback interface:", loopback, "listed:", loopback in names)

# Name -> index -> name. The index itself differs between machines: not printed.
index = socket.if_nametoindex(loopback)
print("its index is a positive int:", isinstance(index, int) and index > 0)
print("if_indextoname(index) gives the name back:", socket.if_indextoname(index) == loopback)
print("the list has the same pair:", (index, loopback) in interfaces)

try:
    socket.if_nametoindex("nosuch0")
except OSError as exc:
    print("unknown name:", type(exc).__name__)  # errno differs between Python versions
try:
    socket.if_indextoname(0)  # indexes start at 1
except OSError as exc:
    print("unknown index:", type(exc).__name__, errno.errorcode[exc.errno])

# An IPv6 socket address is (host, port, flowinfo, scope_id); scope_id is an interface index.
# AI_NUMERICHOST: the host is a numeric address, nothing is looked up.
infos = socket.getaddrinfo(f"::1%{index}", 0, socket.AF_INET6, socket.SOCK_DGRAM, flags=socket.AI_NUMERICHOST)
host, port, flowinfo, scope_id = infos[0][4]
print("address:", host, port, flowinfo)
print("its scope id names the loopback interface:", socket.if_indextoname(scope_id) == loopback)
