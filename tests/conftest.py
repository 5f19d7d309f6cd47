"""Shared fixtures: where the project and the built site are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "conf"))
sys.path.insert(0, str(ROOT / "tests"))

from socksite.build import SITE  # noqa: E402
from socksite.languages import Language, site_languages  # noqa: E402

LANGUAGES = site_languages()
DOCS = ROOT / "docs"
PAGES = sorted(path.relative_to(DOCS).with_suffix("").as_posix() for path in DOCS.rglob("*.md"))


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; the tests session of noxfile.py builds it first."""
    for language in LANGUAGES:
        if not (SITE / language.folder / "index.html").is_file():
            pytest.fail(f"{SITE / language.folder} is not built: run `nox -s tests` (or `nox -s docs` first)")
    return SITE


@pytest.fixture(params=LANGUAGES, ids=lambda language: language.code)
def language(request: pytest.FixtureRequest) -> Language:
    return request.param
