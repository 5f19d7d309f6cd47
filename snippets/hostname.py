"""gethostname() names this machine; getfqdn() finds the full name of a host."""

import platform
import socket

# Every machine has its own name, so the example prints facts about it, not the name.
name = socket.gethostname()
print("gethostname() returns a", type(name).__name__)
print("same as platform.node():", name == platform.node())

# getfqdn() asks gethostbyaddr() for all the names of the host and keeps the
# first one that contains a dot, or else the main name.
full_name = socket.getfqdn("127.0.0.1")
main_name, aliases, _ = socket.gethostbyaddr("127.0.0.1")
with_dots = [candidate for candidate in (main_name, *aliases) if "." in candidate]
expected = with_dots[0] if with_dots else main_name
print("getfqdn('127.0.0.1') returns a name:", full_name != "127.0.0.1")
print("the first name with a dot, or else the main name:", full_name == expected)
