"""A page that names a snippet that does not exist fails the build, naming the page and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_missing_snippet_fails_the_build_with_page_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# A page\n\nSome text.\n\n```{snippet} no_such_example\n```\n", encoding="utf-8")
    (tmp_path / "snippets").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "build", "-q", "-W", "-c", str(ROOT / "conf"),
         "-D", f"snippets_dir={tmp_path / 'snippets'}", str(docs), str(tmp_path / "out")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "conf")},
    )  # fmt: skip
    assert done.returncode != 0
    assert "index.md:5" in done.stderr, done.stderr
    assert "no_such_example" in done.stderr and "does not exist" in done.stderr, done.stderr
