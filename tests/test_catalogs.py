"""The Chinese catalogues are complete, valid, and match the pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import LANGUAGES, PAGES, ROOT

TRANSLATIONS = LANGUAGES[1:]
#: The theme's own words ("Next", "Back to top"), for Sphinx's "sphinx" domain.
THEME = "sphinx"
CATALOGUES = [
    (language, ROOT / "locale" / language.code / "LC_MESSAGES" / f"{page}.po")
    for language in TRANSLATIONS
    for page in [*PAGES, THEME]
]
IDS = [f"{language.code}/{path.stem}" for language, path in CATALOGUES]


def where(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize(("language", "po"), CATALOGUES, ids=IDS)
def test_every_page_has_a_catalogue(language: object, po: Path) -> None:
    assert po.is_file(), f"{where(po)} is missing: run `nox -s translate`, then translate it"


@pytest.mark.parametrize(("language", "po"), CATALOGUES, ids=IDS)
def test_catalogue_is_fully_translated(language: object, po: Path) -> None:
    if not po.is_file():
        pytest.fail(f"{where(po)} is missing")
    with po.open("rb") as stream:
        catalogue = read_po(stream, abort_invalid=True)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        line = message.lineno
        if not message.string:
            problems.append(f"{where(po)}:{line}: untranslated: {message.id!r:.70}")
        elif message.fuzzy:
            problems.append(f"{where(po)}:{line}: fuzzy (check it, then remove the flag): {message.id!r:.70}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt (apt install gettext)")
@pytest.mark.parametrize(("language", "po"), CATALOGUES, ids=IDS)
def test_msgfmt_check_is_clean(language: object, po: Path) -> None:
    if not po.is_file():
        pytest.fail(f"{where(po)} is missing")
    done = subprocess.run(
        ["msgfmt", "--check", "--output-file", "/dev/null", str(po)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_no_catalogue_without_a_page() -> None:
    orphans = [
        where(po)
        for language in TRANSLATIONS
        for po in (ROOT / "locale" / language.code / "LC_MESSAGES").glob("*.po")
        if po.stem not in PAGES and po.stem != THEME
    ]
    assert not orphans, f"catalogues of pages that no longer exist: {orphans}"
