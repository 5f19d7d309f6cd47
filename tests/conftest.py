"""Shared fixtures: where the project and the built site are."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "conf"))
sys.path.insert(0, str(ROOT / "tests"))

from socksite.build import SITE  # noqa: E402
from socksite.languages import Language, released, site_languages  # noqa: E402

#: Every language conf.py declares, released or held back (their catalogues are all checked).
DECLARED = site_languages()
#: The languages of the published site, which the site's tests read.
LANGUAGES = released(DECLARED)
DOCS = ROOT / "docs"
# Folders starting with "_" hold fragments that pages include, not pages.
PAGES = sorted(
    path.relative_to(DOCS).with_suffix("").as_posix()
    for path in DOCS.rglob("*.md")
    if not any(part.startswith("_") for part in path.relative_to(DOCS).parts)
)


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


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site, served over loopback."""
    import browser

    with browser.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright; skipped (never in CI) when it is missing."""
    import browser

    reason = browser.missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser page that fails the test on any console error or page error."""
    context = chromium.new_context(locale="en-US")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.console_errors = errors
    yield tab
    context.close()
    assert not errors, f"the browser logged errors: {errors}"
