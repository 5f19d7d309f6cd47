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


def test_a_comment_translation_that_would_change_the_code_fails_with_file_and_line(tmp_path: Path) -> None:
    """An end-of-line comment translated onto two lines would move code: the build names the example's line."""
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    docs.mkdir()
    snippets.mkdir()
    (docs / "index.md").write_text("# A page\n\n```{snippet} example\n```\n", encoding="utf-8")
    (snippets / "example.py").write_text('"""Say hello."""\n\nprint("hello")  # once is enough\n', encoding="utf-8")
    (snippets / "example.out").write_text("hello\n", encoding="utf-8")
    catalogue = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "index.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Say hello."\nmsgstr "打个招呼。"\n\n'
        'msgid "once is enough"\nmsgstr "一次\\n就够了"\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "build", "-q", "-W", "-c", str(ROOT / "conf"),
         "-D", f"snippets_dir={snippets}", "-D", "language=zh_CN", str(docs), str(tmp_path / "out")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "conf")},
    )  # fmt: skip
    assert done.returncode != 0
    assert f"{snippets / 'example.py'}:3" in done.stderr, done.stderr
    assert "must stay on one line" in done.stderr, done.stderr
