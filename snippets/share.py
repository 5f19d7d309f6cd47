"""share() duplicates a socket for another process, which rebuilds it with fromshare() (Windows only)."""

import socket
import subprocess
import sys

if sys.platform != "win32":
    print("This example needs Windows: socket.share() exists only there.")
    sys.exit(77)

# The child process reads the shared data from its standard input, rebuilds
# the listening socket, and answers one connection on it.
CHILD = """
import socket, sys
data = sys.stdin.buffer.read()
with socket.fromshare(data) as server:
    server.settimeout(2)
    conn, _ = server.accept()
    with conn:
        conn.sendall(b"hello from the child process")
"""

with socket.socket() as server:
    server.bind(("127.0.0.1", 0))
    server.listen()
    with subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE) as child:
        data = server.share(child.pid)  # only this process id can use the data
        print("share() returned:", type(data).__name__)
        child.stdin.write(data)
        child.stdin.close()

        # The parent never calls accept(): the child takes the connection.
        with socket.create_connection(server.getsockname(), timeout=2) as client:
            reply = b""
            while chunk := client.recv(1024):
                reply += chunk
        print("the client reads:", reply)
        print("child exit status:", child.wait(timeout=2))
