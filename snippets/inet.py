"""inet_aton(), inet_pton() and friends convert IP addresses between text and packed bytes."""

import ipaddress
import socket

packed4 = socket.inet_aton("127.0.0.1")
print("inet_aton:", len(packed4), "bytes:", packed4)
print("inet_ntoa:", socket.inet_ntoa(packed4))

packed6 = socket.inet_pton(socket.AF_INET6, "0:0:0:0:0:0:0:1")
print("inet_pton:", len(packed6), "bytes:", packed6.hex(" "))
print("inet_ntop:", socket.inet_ntop(socket.AF_INET6, packed6))

# inet_aton() also reads old shorthand forms; inet_pton() wants four decimal numbers.
for text in ("127.1", "0177.0.0.1"):
    print(f"{text!r}: inet_aton reads", socket.inet_ntoa(socket.inet_aton(text)))
    try:
        socket.inet_pton(socket.AF_INET, text)
    except OSError as exc:
        print(f"{text!r}: inet_pton raises OSError:", exc)

try:
    socket.inet_ntop(socket.AF_INET, b"\x7f\x00\x00")
except ValueError as exc:
    print("3 bytes: inet_ntop raises ValueError:", exc)

# The ipaddress module makes and reads the same bytes.
print("ip_address('::1').packed == packed6:", ipaddress.ip_address("::1").packed == packed6)
print("ip_address(packed4):", repr(ipaddress.ip_address(packed4)))
