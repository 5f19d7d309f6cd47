"""Incremental builds: an edited translation reaches every page that shows it.

Sphinx has had bugs here (a changed .po not rebuilding the page, or stale
titles in other pages' navigation), so this builds a copy of the project
twice and looks at the result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT

COPIED = ["docs", "locale", "snippets", "conf", "pyproject.toml"]
OLD, NEW = "给套接字绑定地址", "为套接字指定地址"


def build(project: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(project / "conf")}
    env.pop("SOCKSITE_BUILD_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "socksite.build", *args], cwd=project, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, project / name)
    return project


def test_translate_twice_changes_nothing(tmp_path: Path) -> None:
    """`nox -s translate` on an up-to-date tree leaves every catalogue byte for byte as it was."""
    project = copy_project(tmp_path)
    catalogues = sorted((project / "locale").glob("*/LC_MESSAGES/*.po"))
    before = {path: path.read_bytes() for path in catalogues}
    build(project, "translate")
    changed = [str(path.relative_to(project)) for path in catalogues if path.read_bytes() != before[path]]
    assert not changed, f"translate changed up-to-date catalogues: {changed}"


def search_index(folder: Path) -> dict[str, Any]:
    """The search index Sphinx wrote into *folder*."""
    text = (folder / "searchindex.js").read_text(encoding="utf-8")
    return dict(json.loads(text[text.index("(") + 1 : text.rindex(")")]))


def test_incremental_builds_show_every_change_and_lose_nothing(tmp_path: Path) -> None:
    """One project copy, built clean, then edited and built again twice (each full build costs ~20 s)."""
    project = copy_project(tmp_path)
    build(project)
    site = project / "_build" / "html" / "zh-cn"
    assert OLD in (site / "bind.html").read_text(encoding="utf-8")
    clean = {language: search_index(site.parent / language) for language in ("en", "zh-cn")}
    assert len(clean["zh-cn"]["indexentries"]) > 50, "the clean build's index has too few entries to compare"

    # A changed title reaches every page that shows it; an incomplete page says so.
    bind_po = project / "locale" / "zh_CN" / "LC_MESSAGES" / "bind.po"
    bind_po.write_text(bind_po.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    recv_po = project / "locale" / "zh_CN" / "LC_MESSAGES" / "recv.po"
    complete = recv_po.read_text(encoding="utf-8")
    recv_po.write_text(complete.replace('msgstr "*bufsize*"', 'msgstr ""'), encoding="utf-8")
    output = build(project)
    assert "nothing changed" not in output.split("简体中文")[1], "the Chinese build was skipped"
    for page in ("bind", "index", "listen"):  # the page, the home page's list, another page's sidebar
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        assert NEW in html and OLD not in html, f"zh-cn/{page}.html still shows the old title"
    english = (project / "_build" / "html" / "en" / "bind.html").read_text(encoding="utf-8")
    assert "give a socket its address" in english
    notice = "本页还有部分内容尚未翻译"
    assert notice in (site / "recv.html").read_text(encoding="utf-8")
    assert notice not in (site / "bind.html").read_text(encoding="utf-8")
    assert "translation-notice" not in (site.parent / "en" / "recv.html").read_text(encoding="utf-8")

    # Sphinx keeps index entries only for the pages it writes (upstream issue 12599):
    # the incremental build must still publish every page's entries.
    recv_po.write_text(complete, encoding="utf-8")
    (project / "docs" / "recv.md").touch()
    build(project)
    assert notice not in (site / "recv.html").read_text(encoding="utf-8")
    for language in ("en", "zh-cn"):
        rebuilt = search_index(site.parent / language)
        assert rebuilt["indexentries"] == clean[language]["indexentries"], f"{language}: index entries lost"
        assert rebuilt["docnames"] == clean[language]["docnames"], f"{language}: pages missing from search"
