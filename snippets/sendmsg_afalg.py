"""sendmsg_afalg() asks the Linux kernel to encrypt and decrypt with AES-CBC (AF_ALG)."""

import errno
import socket
import sys

if not hasattr(socket, "AF_ALG"):
    print("This example needs Linux: AF_ALG sockets (the kernel crypto API) exist only there.")
    sys.exit(77)
try:
    algorithm = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET)
except OSError as exc:
    print(f"This example needs AF_ALG sockets, which this system refuses ({errno.errorcode.get(exc.errno, exc)}).")
    sys.exit(77)

# Test case 1 of RFC 3602 (AES-CBC): a known key, IV, plaintext and ciphertext.
KEY = bytes.fromhex("06a9214036b8a15b512e03d534120006")
IV = bytes.fromhex("3dafba429d9eb430b422da802c9fac41")
PLAINTEXT = b"Single block msg"
CIPHERTEXT = bytes.fromhex("e353779c1079aeb82708942dbe77181a")

# No timeouts here: there is no peer to wait for, the kernel answers at once.
with algorithm:
    # The "address" names the algorithm: a symmetric cipher, AES in CBC mode.
    algorithm.bind(("skcipher", "cbc(aes)"))
    algorithm.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, KEY)

    # accept() returns an operation socket: one for each job.
    operation, _ = algorithm.accept()
    with operation:
        operation.sendmsg_afalg([PLAINTEXT], op=socket.ALG_OP_ENCRYPT, iv=IV)
        encrypted = operation.recv(len(PLAINTEXT))
    print("ciphertext:", encrypted.hex())
    print("matches RFC 3602:", encrypted == CIPHERTEXT)

    operation, _ = algorithm.accept()
    with operation:
        operation.sendmsg_afalg([encrypted], op=socket.ALG_OP_DECRYPT, iv=IV)
        print("decrypted again:", operation.recv(len(encrypted)))
