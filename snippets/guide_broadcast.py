"""SO_BROADCAST on Linux's loopback: one datagram reaches every socket bound to 127.255.255.255."""

import errno
import socket
import sys

if not sys.platform.startswith("linux"):
    print("This example needs Linux: elsewhere, loopback may have no broadcast address.")
    sys.exit(77)

# The broadcast address of the loopback network 127.0.0.0/8: nothing leaves this machine.
BROADCAST = "127.255.255.255"
SOL = socket.SOL_SOCKET


def udp_socket():
    return socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


with (
    udp_socket() as sender,
    udp_socket() as first,
    udp_socket() as second,
    udp_socket() as bystander,
):
    # An ordinary socket on 127.0.0.1 takes a free port ...
    bystander.bind(("127.0.0.1", 0))
    port = bystander.getsockname()[1]
    # ... and two receivers share that port on the broadcast address (SO_REUSEADDR allows it).
    for receiver in (first, second):
        receiver.setsockopt(SOL, socket.SO_REUSEADDR, 1)
        receiver.settimeout(2)
        receiver.bind((BROADCAST, port))

    print("SO_BROADCAST at first:", sender.getsockopt(SOL, socket.SO_BROADCAST) != 0)
    try:
        sender.sendto(b"hello, everyone", (BROADCAST, port))
    except PermissionError as exc:
        print("sendto() without it:", type(exc).__name__, errno.errorcode[exc.errno])

    sender.setsockopt(SOL, socket.SO_BROADCAST, 1)
    print("SO_BROADCAST now:", sender.getsockopt(SOL, socket.SO_BROADCAST) != 0)
    print("sendto() with it returns:", sender.sendto(b"hello, everyone", (BROADCAST, port)))
    for name, receiver in (("first", first), ("second", second)):
        data, (host, _) = receiver.recvfrom(1024)
        print(f"the {name} receiver got {data!r} from {host}")

    # The system hands a datagram to every matching socket in one step, so the
    # bystander would already hold its copy if it were a destination.
    bystander.setblocking(False)
    try:
        bystander.recvfrom(1024)
    except BlockingIOError:
        print("the socket bound to 127.0.0.1 got nothing")

    # Multicast settings can be read without sending anything.
    ttl = sender.getsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL)
    loop = sender.getsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP)
    print("IP_MULTICAST_TTL:", ttl)
    print("IP_MULTICAST_LOOP on:", loop != 0)
