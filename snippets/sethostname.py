"""sethostname() renames the machine, so this example renames only a private copy of its name."""

import errno
import os
import socket
import sys

if not hasattr(os, "unshare"):
    print("this example needs os.unshare(): Linux and Python 3.12 or later")
    sys.exit(77)


def rename_privately(new_name: str) -> tuple[int, str]:
    """Rename the host in new namespaces; return an exit status and what happened."""
    try:
        # In a new user namespace the process may rename the machine, but only in the
        # UTS namespace that it creates in the same call: the real name is out of reach.
        os.unshare(os.CLONE_NEWUSER | os.CLONE_NEWUTS)
        socket.sethostname(new_name)
    except OSError as exc:
        return 77, "this system refuses a private host name: " + errno.errorcode[exc.errno]
    return 0, "inside the namespace: " + socket.gethostname()


real_name = socket.gethostname()
read_end, write_end = os.pipe()
with open(read_end, encoding="utf-8") as from_child, open(write_end, "w", encoding="utf-8") as to_parent:
    # A forked child has a single thread, as a new user namespace requires, and
    # whatever it renames, this process keeps the real name.
    pid = os.fork()
    if pid == 0:  # the child: it ends here and never runs the code below
        status = 1
        try:
            status, report = rename_privately("example-host")
            to_parent.write(report)
            to_parent.flush()
        finally:
            os._exit(status)
    to_parent.close()  # so that read() ends when the child's end closes
    report = from_child.read()
    _, wait_status = os.waitpid(pid, 0)

print(report)
status = os.waitstatus_to_exitcode(wait_status)
if status != 0:
    sys.exit(status)
print("outside, the name is unchanged:", socket.gethostname() == real_name)
