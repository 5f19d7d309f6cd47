"""htons() and friends convert numbers between this machine's byte order and network byte order."""

import socket
import struct
import sys

port = 8080  # 0x1F90
address = 0x7F000001  # 127.0.0.1 as one 32-bit number

# Network byte order is big-endian: the most significant byte comes first.
print("port as sent:       ", struct.pack("!H", port).hex(" "))
print("address as sent:    ", struct.pack("!I", address).hex(" "))

# The number htons() returns is stored in this machine's own order, and that
# storage holds the bytes in network order, whichever order the machine uses.
print("htons(port) stored: ", socket.htons(port).to_bytes(2, sys.byteorder).hex(" "))
print("htonl(addr) stored: ", socket.htonl(address).to_bytes(4, sys.byteorder).hex(" "))

print("ntohs(htons(port)): ", socket.ntohs(socket.htons(port)))
print("ntohl(htonl(addr)): ", hex(socket.ntohl(socket.htonl(address))))

received = bytes.fromhex("1f 90")
print("port received:      ", struct.unpack("!H", received)[0])

try:
    socket.htons(70000)
except OverflowError as exc:
    print("htons(70000):       ", type(exc).__name__)
