"""Gates for translators: catalogues in sync, markup kept, terms consistent, MyST traps avoided.

Each check runs on every real catalogue, and on a broken fixture in
tests/fixtures/catalogues/ where it must fail and name the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, PAGES, ROOT

import catalogue_checks as checks
from socksite.build import POT_DIR

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "catalogues"
CATALOGUES = [
    ROOT / "locale" / language.code / "LC_MESSAGES" / f"{page}.po" for language in LANGUAGES[1:] for page in PAGES
]
IDS = [f"{path.parent.parent.parent.name}/{path.stem}" for path in CATALOGUES]


@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_catalogue_matches_its_page(po: Path) -> None:
    pot = POT_DIR / f"{po.stem}.pot"
    if not pot.is_file():
        pytest.fail(f"{pot} is missing: the tests session extracts it (python -m socksite.build gettext)")
    problems = checks.sync_problems(pot, po, ROOT / "docs" / f"{po.stem}.md")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_translation_keeps_markup(po: Path) -> None:
    problems = checks.markup_problems(po)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_translation_uses_the_site_terms(po: Path) -> None:
    problems = checks.term_problems(po)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_no_myst_pitfalls(po: Path) -> None:
    problems = checks.pitfall_problems(po)
    assert not problems, "\n".join(problems)


# -- The same checks on broken fixtures: each must fail, naming file and line. --


def test_sync_check_reports_new_stale_and_obsolete_entries() -> None:
    problems = "\n".join(checks.sync_problems(FIXTURES / "page.pot", FIXTURES / "page.po", FIXTURES / "page.md"))
    assert "tests/fixtures/catalogues/page.md:5: new English text" in problems
    assert "tests/fixtures/catalogues/page.po:13: entry no longer matches" in problems
    assert "tests/fixtures/catalogues/page.po:16: obsolete entry left behind" in problems


def test_markup_check_reports_lost_code_roles_links_and_emphasis() -> None:
    problems = "\n".join(checks.markup_problems(FIXTURES / "markup.po"))
    for expected in [
        "markup.po:7: roles differ: missing [\"('py:meth', 'socket.recv')\"]",
        "markup.po:7: code differ: missing ['bufsize']",
        "markup.po:7: links differ: missing ['guide.md']",
        "markup.po:7: emphasis differ: missing ['*']",
        "markup.po:10: roles differ: missing [\"('term', 'socket')\"], extra [\"('term', '套接字')\"]",
    ]:
        assert expected in problems, problems


def test_term_check_reports_variants_and_english_words() -> None:
    problems = "\n".join(checks.term_problems(FIXTURES / "terms.po"))
    assert "terms.po:7: '地址簇': this site says '地址族'" in problems
    assert "terms.po:10: English word 'socket' in Chinese prose" in problems
    assert "terms.po:13:" not in problems, "API names, backlog and Linux stay in English"


def test_pitfall_check_reports_code_in_gettext_and_front_matter() -> None:
    problems = "\n".join(checks.pitfall_problems(FIXTURES / "pitfalls.po"))
    assert "pitfalls.po:7: a code block went through gettext" in problems
    assert "pitfalls.po:10: msgstr starts with '---'" in problems


def test_unreadable_catalogue_is_reported_with_file_and_line() -> None:
    """The build stops on such a catalogue (socksite.ext.refuse_broken_catalogues) with this message."""
    from socksite.catalogs import problem

    found = problem(FIXTURES / "broken.po")
    assert found is not None and found.startswith(f"{FIXTURES / 'broken.po'}:10: missing msgstr"), found
    assert problem(FIXTURES / "page.po") is None
