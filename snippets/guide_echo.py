"""A first TCP server and client in one program: the server echoes what it receives."""

import socket
import threading


def echo_one_client(server):
    conn, _ = server.accept()  # waits until the client's connect() arrives
    with conn:
        conn.settimeout(2)
        echoed = 0
        while True:
            data = conn.recv(1024)
            if not data:  # b"": the client has nothing more to send
                break
            conn.sendall(data)
            echoed += len(data)
        print(f"server: echoed {echoed} bytes, now closing the connection")


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.settimeout(2)
    server.bind(("127.0.0.1", 0))
    server.listen()
    print("server: listening on", server.getsockname()[0])
    server_thread = threading.Thread(target=echo_one_client, args=(server,))
    server_thread.start()

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        client.settimeout(2)
        client.connect(server.getsockname())
        print("client: connected")
        message = b"Hello, server!"
        client.sendall(message)
        print("client: sent", message)
        client.shutdown(socket.SHUT_WR)  # tell the server: that was everything

        reply = b""
        while True:
            data = client.recv(1024)
            if not data:  # b"": the server has closed its side
                break
            reply += data
        print("client: received", reply)

    server_thread.join()
