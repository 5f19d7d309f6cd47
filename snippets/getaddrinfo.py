"""getaddrinfo() turns a host and port into addresses that you can connect to."""

import socket

with socket.create_server(("127.0.0.1", 0)) as server:
    server.settimeout(2)
    port = server.getsockname()[1]

    # Ask only for IPv4 TCP results, and for a numeric host: exactly one result.
    results = socket.getaddrinfo(
        "127.0.0.1", port, socket.AF_INET, socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST
    )
    print("results:", len(results))
    family, type_, proto, canonname, sockaddr = results[0]
    print("family and type:", family.name, type_.name)
    print("proto is TCP:", proto == socket.IPPROTO_TCP)
    print("canonname:", repr(canonname))
    print("sockaddr host:", sockaddr[0], "same port:", sockaddr[1] == port)

    # The five values are exactly what socket() and connect() need.
    with socket.socket(family, type_, proto) as client:
        client.settimeout(2)
        client.connect(sockaddr)
        conn, _ = server.accept()
        with conn:
            print("connected:", client.getpeername() == sockaddr)

# A name is looked up; the order of several results depends on the system.
hosts = {info[4][0] for info in socket.getaddrinfo("localhost", None, socket.AF_INET)}
print("localhost includes 127.0.0.1:", "127.0.0.1" in hosts)

try:
    socket.getaddrinfo("localhost", None, flags=socket.AI_NUMERICHOST)
except socket.gaierror as exc:
    print("not numeric:", type(exc).__name__, exc.errno == socket.EAI_NONAME)
