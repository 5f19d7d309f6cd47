"""Every method of the source text, and every public name of socket objects, has a page."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

import harness
from socksite.metadata import python_versions

#: What the source text (the 2013 post this site grew from) covers: socket() and 20 methods.
SOURCE_TEXT = [
    "bind", "listen", "accept", "connect", "connect_ex", "recv", "recvfrom", "send", "sendall", "sendto",
    "close", "getpeername", "getsockname", "getsockopt", "setsockopt", "setblocking", "settimeout",
    "gettimeout", "fileno", "makefile",
]  # fmt: skip
#: Module functions readers need right after the methods.
MODULE_HELPERS = ["socketpair", "create_connection", "create_server", "getaddrinfo"]
#: Public names that exist only on some systems; their pages say which.
PLATFORM_ONLY = ["ioctl", "share", "sendmsg_afalg"]


def documented(site: Path) -> set[str]:
    """Every Python object the English build declares, by full name."""
    path = site / "en" / "objects.inv"
    with path.open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    names = set()
    for role, objects in inventory.items():
        if role.startswith("py:"):
            names.update(objects)
    return names


def public_names(python: harness.Python) -> list[str]:
    """The public methods and attributes of socket.socket on *python*."""
    code = "import socket; print(*sorted(n for n in dir(socket.socket) if not n.startswith('_')))"
    return subprocess.run([*python, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_socket_class_is_documented(site: Path) -> None:
    assert "socket.socket" in documented(site)


@pytest.mark.parametrize("name", SOURCE_TEXT)
def test_every_method_of_the_source_text_has_a_page(site: Path, name: str) -> None:
    assert f"socket.socket.{name}" in documented(site)


@pytest.mark.parametrize("version", python_versions())
def test_every_public_name_of_socket_objects_has_a_page(site: Path, version: str) -> None:
    """A new Python release that adds a method shows up here as a failure."""
    python = harness.find_python(version)
    if python is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must check every supported Python: {harness.missing_python(version)}")
        pytest.skip(harness.missing_python(version))
    missing = [name for name in public_names(python) if f"socket.socket.{name}" not in documented(site)]
    assert not missing, f"public names of socket.socket without a page on Python {version}: {missing}"


def public_functions(python: harness.Python) -> list[str]:
    """The public functions of the socket module on *python* (classes, exceptions and constants aside)."""
    code = (
        "import inspect, socket; print(*sorted(n for n in dir(socket) if not n.startswith('_') "
        "and callable(getattr(socket, n)) and not inspect.isclass(getattr(socket, n))))"
    )
    return subprocess.run([*python, "-c", code], capture_output=True, text=True, check=True).stdout.split()


#: The module's exceptions, under every name readers meet them by.
EXCEPTIONS = ["error", "herror", "gaierror", "timeout"]


@pytest.mark.parametrize("version", python_versions())
def test_every_public_function_of_the_module_has_a_page(site: Path, version: str) -> None:
    """A new Python release that adds a module function shows up here as a failure."""
    python = harness.find_python(version)
    if python is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must check every supported Python: {harness.missing_python(version)}")
        pytest.skip(harness.missing_python(version))
    functions = public_functions(python)
    assert "getaddrinfo" in functions and "socket" not in functions, "the list of functions is not what it seems"
    missing = [name for name in functions if f"socket.{name}" not in documented(site)]
    assert not missing, f"public functions of the socket module without a page on Python {version}: {missing}"


@pytest.mark.parametrize("name", EXCEPTIONS)
def test_the_module_exceptions_have_pages(site: Path, name: str) -> None:
    assert f"socket.{name}" in documented(site)


@pytest.mark.parametrize("name", MODULE_HELPERS)
def test_module_helpers_have_pages(site: Path, name: str) -> None:
    assert f"socket.{name}" in documented(site)


@pytest.mark.parametrize("name", PLATFORM_ONLY)
def test_platform_only_methods_have_pages(site: Path, name: str) -> None:
    assert f"socket.socket.{name}" in documented(site)
