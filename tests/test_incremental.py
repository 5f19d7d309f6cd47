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
from search_queries import chosen_answers, records


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


def search_index(folder: Path) -> list[dict[str, Any]]:
    """The records of the search index written into *folder*."""
    return records(folder)


def test_incremental_builds_show_every_change_and_lose_nothing(tmp_path: Path) -> None:
    """One project copy, built clean, then edited and built again twice (each full build costs ~20 s)."""
    project = copy_project(tmp_path)
    build(project)
    site = project / "_build" / "html" / "zh-cn"
    assert OLD in (site / "bind.html").read_text(encoding="utf-8")
    clean = {language: search_index(site.parent / language) for language in ("en", "zh-cn")}
    assert len(clean["zh-cn"]) > 200, "the clean build's search index has too few sections to compare"

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

    # The search index is made from the pages a build writes (and Sphinx's own kept
    # index entries only for those: upstream issue 12599): an incremental build must
    # still publish every page's sections.
    recv_po.write_text(complete, encoding="utf-8")
    (project / "docs" / "recv.md").touch()
    build(project)
    assert notice not in (site / "recv.html").read_text(encoding="utf-8")
    for language in ("en", "zh-cn"):
        rebuilt = search_index(site.parent / language)
        urls = [record["url"] for record in rebuilt]
        assert urls == [record["url"] for record in clean[language]], f"{language}: search lost or gained sections"
    titles = {record["url"]: record["title"] for record in search_index(site)}
    assert NEW in titles["bind.html"], f"search shows bind's old title: {titles['bind.html']}"

    # A new reader's word reaches the index although no page changed.
    vocabulary = project / "locale" / "vocabulary.csv"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "en,zzqxv port,bind#bind-ephemeral-port,test\n")
    build(project)
    assert chosen_answers(site.parent / "en", "zzqxv port") == ["bind.html#bind-ephemeral-port"], (
        "the index kept the old vocabulary"
    )
