"""Facts about the project that live in ``pyproject.toml``.

The classifiers say which Pythons and which system the snippets are checked
on; the tests read them to choose interpreters, and every page shows them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Sphinx depends on tomli on Python 3.10
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def classifiers(path: Path = PYPROJECT) -> list[str]:
    with path.open("rb") as stream:
        return list(tomllib.load(stream)["project"]["classifiers"])


def python_versions(path: Path = PYPROJECT) -> list[str]:
    """``["3.10", "3.11", …]`` from the ``Programming Language :: Python :: 3.X`` classifiers."""
    found = (re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", line) for line in classifiers(path))
    return [match.group(1) for match in found if match]


def operating_systems(path: Path = PYPROJECT) -> list[str]:
    """The last part of each ``Operating System :: …`` classifier (``Linux``)."""
    return [line.rsplit(" :: ", 1)[-1] for line in classifiers(path) if line.startswith("Operating System ::")]


def checked_on(path: Path = PYPROJECT) -> str:
    """One line that says where the snippets are checked: ``CPython 3.10 · 3.11 … · Linux``."""
    return f"CPython {' · '.join(python_versions(path))} · {' · '.join(operating_systems(path))}"
