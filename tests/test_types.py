"""The site's own code (conf/socksite) type-checks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


def test_site_code_type_checks() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test dependency group")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--python-version", "3.11", "socksite"],
        cwd=ROOT / "conf", capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
