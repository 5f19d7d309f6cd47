"""Gates for translators: catalogues in sync, markup kept, terms consistent, MyST traps avoided,
and the meaning kept where a machine can tell: numbers, negations, glossary words, role targets.

Each check runs on every real catalogue, and on a broken fixture in
tests/fixtures/catalogues/ where it must fail and name the file and line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DECLARED, PAGES, ROOT

import catalogue_checks as checks
from socksite.build import POT_DIR

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "catalogues"
CATALOGUES = [
    ROOT / "locale" / language.code / "LC_MESSAGES" / f"{page}.po" for language in DECLARED[1:] for page in PAGES
]
IDS = [f"{path.parent.parent.parent.name}/{path.stem}" for path in CATALOGUES]


@pytest.fixture(scope="session")
def pot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English text, extracted afresh from docs/ for this test run (never a stale copy on disk)."""
    build = tmp_path_factory.mktemp("extract")
    env = {**os.environ, "SOCKSITE_BUILD_DIR": str(build), "PYTHONPATH": str(ROOT / "conf")}
    done = subprocess.run(
        [sys.executable, "-m", "socksite.build", "gettext"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"extracting the English text failed:\n{done.stdout}{done.stderr}"
    return build / POT_DIR.name


@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_catalogue_matches_its_page(po: Path, pot_dir: Path) -> None:
    pot = pot_dir / f"{po.stem}.pot"
    assert pot.is_file(), f"no English text was extracted for {po.stem}: is docs/{po.stem}.md a page?"
    problems = checks.sync_problems(pot, po, ROOT / "docs" / f"{po.stem}.md")
    assert not problems, "\n".join(problems)


#: What every catalogue must keep of its English entries, each check by what it protects.
PER_CATALOGUE = {
    "keeps-markup": checks.markup_problems,
    "uses-the-site-terms": checks.term_problems,
    "avoids-myst-pitfalls": checks.pitfall_problems,
    "keeps-the-numbers": checks.number_problems,
    "closes-every-code-span": checks.backtick_problems,
    "keeps-a-negation": checks.negation_problems,
    "term-roles-show-the-glossary-word": checks.term_role_problems,
    "roles-keep-title-and-target-together": checks.swapped_role_problems,
}


@pytest.mark.parametrize("check", PER_CATALOGUE.values(), ids=PER_CATALOGUE.keys())
@pytest.mark.parametrize("po", CATALOGUES, ids=IDS)
def test_translation(po: Path, check: Callable[[Path], list[str]]) -> None:
    problems = check(po)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", [po for po in CATALOGUES if po.parent.parent.name == "zh_CN"], ids=lambda po: po.stem)
def test_chinese_avoids_translated_constructions(po: Path) -> None:
    problems = checks.discouraged_problems(po)
    assert not problems, "\n".join(problems)


def test_no_translation_is_another_entrys() -> None:
    problems = checks.duplicate_problems([po for po in CATALOGUES if po.is_file()])
    assert not problems, "\n".join(problems)


def test_positive_renderings_still_name_an_entry() -> None:
    """An exception of the negation check that matches nothing any more must go."""
    ids = {
        (po.stem, message.id) for po in CATALOGUES if po.is_file() for message in checks.translated(checks.load(po))
    }
    stale = [
        (stem, start)
        for stem, start in checks.POSITIVE_RENDERINGS
        if not any(page == stem and text.startswith(start) for page, text in ids)
    ]
    assert not stale, f"catalogue_checks.POSITIVE_RENDERINGS names entries that no longer exist: {stale}"


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


def test_number_check_reports_changed_and_dropped_numbers() -> None:
    problems = "\n".join(checks.number_problems(FIXTURES / "numbers.po"))
    assert "numbers.po:7: numbers differ: missing ['12'], extra ['21']" in problems
    assert "numbers.po:10: numbers differ: missing ['3.10'], extra []" in problems
    assert "numbers.po:13: numbers differ: missing ['0'], extra []" in problems, "a code span given once for twice"
    assert "numbers.po:16:" not in problems, "65,507, IPv4, x86-64 as 64 位, 5-tuples as 五元组, a repeated `::1`"


def test_backtick_check_reports_a_lone_backtick() -> None:
    problems = "\n".join(checks.backtick_problems(FIXTURES / "backticks.po"))
    assert "backticks.po:7: odd number of backticks" in problems
    assert "backticks.po:11:" not in problems, "a backtick inside a ``double-backtick`` span is code"


def test_negation_check_reports_a_lost_negation() -> None:
    problems = "\n".join(checks.negation_problems(FIXTURES / "negation.po"))
    assert "negation.po:7: the English says 'not', the Chinese has no negation" in problems
    assert "negation.po:10: the English says \"n't\"" in problems, "非阻塞 negates nothing"
    assert "negation.po:13:" not in problems, "省略 for without; yes/no, for nothing and code negate nothing"


def test_term_role_check_reports_variants_english_and_swaps() -> None:
    problems = "\n".join(checks.term_role_problems(FIXTURES / "glossary.po"))
    assert "glossary.po:8: {term}`远端 <peer>` shows '远端'; the glossary's word is '对端'" in problems
    assert "glossary.po:12: {term}`peer` shows 'peer' (English)" in problems
    assert "glossary.po:16: {term}`超时 <socket>` shows '超时'" in problems
    assert "glossary.po:16: {term}`套接字 <timeout>` shows '套接字'" in problems
    assert "glossary.po:28: {term} 'port' is not in locale/terms.csv" in problems
    assert "glossary.po:20:" not in problems, "backlog and errno stay English; a title may be wrapped"


def test_duplicate_check_reports_a_pasted_translation() -> None:
    problems = "\n".join(checks.duplicate_problems([FIXTURES / "duplicates.po", FIXTURES / "duplicates_other.po"]))
    assert "duplicates.po:10: same translation as tests/fixtures/catalogues/duplicates.po:7" in problems
    assert "duplicates_other.po:7: same translation as tests/fixtures/catalogues/duplicates.po:7" in problems
    assert len(problems.splitlines()) == 2, "same English (case, plural aside) and markup-only entries may repeat"


def test_swapped_role_check_reports_titles_on_the_wrong_target() -> None:
    problems = "\n".join(checks.swapped_role_problems(FIXTURES / "roles.po"))
    assert "roles.po:8: {py:meth}`send() <socket.socket.recv>`: in the English, 'send()' points to" in problems
    assert "roles.po:8: {py:meth}`recv() <socket.socket.send>`" in problems
    assert "roles.po:16:" not in problems, "a translated title, and a role named twice, are fine"


def test_discouraged_check_reports_each_construction_and_passes_look_alikes() -> None:
    problems = checks.discouraged_problems(FIXTURES / "discouraged.po")
    text = "\n".join(problems)
    for line, reason in [
        (7, "以 `X` 失败/拒绝 copies"),
        (10, "以 `X` 失败/拒绝 copies"),
        (13, "the site addresses the reader as 你"),
        (16, "a second 之后"),
        (19, "doubled 的"),
        (22, "the other end of a connection is 对端"),
        (25, "a pair such as (host, port) is a 二元组"),
        (28, "“by name” is 按名称"),
    ]:
        assert f"tests/fixtures/catalogues/discouraged.po:{line}: {reason}" in text, text
    assert "discouraged.po:31:" not in text, "quoted 您, Chinese in code, 因…而失败, parallel 之后, 对应 pass"
    reasons = {reason for _, reason in checks.DISCOURAGED_ZH}
    assert reasons == {problem.split(": ", 1)[1] for problem in problems}, "each pattern has a hit in the fixture"


def test_each_edition_is_checked_against_its_own_words(tmp_path: Path) -> None:
    """A Taiwan catalogue is held to its own terms and avoid list, not to Simplified Chinese's."""
    folder = tmp_path / "locale" / "zh_TW" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "page.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "The default timeout."\nmsgstr "默認的逾時。"\n\n'
        'msgid "Pass a {term}`timeout`."\nmsgstr "傳入{term}`超时 <timeout>`。"\n\n'
        'msgid "Bind it."\nmsgstr "把它繫結（bind）起來。"\n',
        encoding="utf-8",
    )
    assert checks.language_of(po) == "zh_TW"
    problems = "\n".join(checks.term_problems(po) + checks.term_role_problems(po))
    assert "'默認': this site says '預設'" in problems, problems
    assert "shows '超时'; the glossary's word is '逾時'" in problems, problems
    assert "bind" not in problems, "an English gloss in full-width brackets is on purpose"
