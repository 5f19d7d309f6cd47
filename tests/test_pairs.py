"""中英对照 and examples in the page's language: what the built pages show, and the toggle in Chromium.

Each page's example is shown with its comments and docstrings in the page's
language, and must otherwise be the tested file, token for token.  The toggle
shows the other language beneath each element, from ``_pairs/<page>.json``,
fetched only when a reader asks.
"""

from __future__ import annotations

import ast
import gzip
import html
import io
import json
import re
import tokenize
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from browser import serious_accessibility_violations
from conftest import LANGUAGES, PAGES, ROOT
from test_reader import html_of, theme_words

from socksite import comments
from socksite.comments import PROSE_WORD
from socksite.languages import Language
from socksite.pairs import FOLDER, TOGGLE
from socksite.reader import HAN

SOURCE, TRANSLATIONS = LANGUAGES[0], LANGUAGES[1:]
#: The widest a translated comment line may be, a Chinese character counting two columns.
WIDEST = 88
EXAMPLE_BLOCK = re.compile(
    r'<span class="caption-text">(?P<name>[a-z0-9_]+\.py)</span>.*?<pre>(?P<code>.*?)</pre>', re.S
)


# -- Comparing code ----------------------------------------------------------------------------------


def docstring_positions(source: str) -> set[tuple[int, int]]:
    """Where the docstrings of *source* begin (line, column in characters)."""
    lines = source.splitlines()
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    line = lines[first.lineno - 1]
                    column = len(line.encode()[: first.col_offset].decode())
                    found.add((first.lineno, column))
    return found


def code_tokens(source: str) -> list[tuple[str, str]]:
    """*source* as Python tokens, without comments, docstrings and line breaks inside statements."""
    docstrings = docstring_positions(source)
    return [
        (tokenize.tok_name[token.type], token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type not in (tokenize.COMMENT, tokenize.NL)
        and not (token.type == tokenize.STRING and token.start in docstrings)
    ]


def code_differences(shown: str, tested: str) -> list[str]:
    """Where *shown* differs from *tested* other than in comments and docstrings."""
    # A copied block loses the file's last line break; that is no difference.
    ours, theirs = code_tokens(shown.rstrip("\n") + "\n"), code_tokens(tested.rstrip("\n") + "\n")
    for index, (mine, file) in enumerate(zip(ours, theirs)):
        if mine != file:
            return [f"token {index}: shown {mine!r}, tested file {file!r}"]
    if len(ours) != len(theirs):
        return [f"shown code has {len(ours)} tokens, the tested file {len(theirs)}"]
    return []


def shown_examples(page_html: str) -> dict[str, str]:
    """The examples a page shows: file name -> the code as a reader reads and copies it."""
    return {
        found["name"]: html.unescape(re.sub(r"<[^>]+>", "", found["code"]))
        for found in EXAMPLE_BLOCK.finditer(page_html)
    }


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


EXAMPLE_PAGES = [page for page in PAGES if "{snippet}" in (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")]
TESTED = (
    "import socket\n"
    '"""not a docstring"""\n\n\n'
    "def main():\n"
    '    """Do it."""\n'
    "    # Say hello.\n"
    '    print("hello")  # once\n'
)


def test_comparison_ignores_only_comments_and_docstrings() -> None:
    translated = TESTED.replace('"""Do it."""', '"""做这件事。"""').replace("# Say hello.", "# 打个招呼，\n    # 说一声。")
    assert code_differences(translated.replace("# once", "# 一次"), TESTED) == []
    for mutant in (
        TESTED.replace('print("hello")', 'print("你好")'),  # a printed string is code
        TESTED.replace('"""not a docstring"""', '"""不是文档字符串"""'),  # not the first statement
        TESTED.replace("import socket\n", "import socket\nimport os\n"),
        TESTED.replace('    print("hello")', '    pass\n    print("hello")'),
    ):
        assert code_differences(mutant, TESTED), f"not caught:\n{mutant}"


def test_what_a_translator_sees_of_an_example() -> None:
    source = (
        '"""Framing: each line ends with b"\\n"."""\n'
        "import socket  # the module\n"
        "# First half of a sentence,\n"
        "# and its second half.\n"
        "#\n"
        "# A new paragraph.\n"
        "x = 0x1F90  # 0x1F90\n"
    )
    found = [(message.kind, message.text) for message in comments.messages(source)]
    assert found == [
        ("docstring", 'Framing: each line ends with b"\\n".'),
        ("trailing", "the module"),
        ("block", "First half of a sentence, and its second half."),
        ("block", "A new paragraph."),
    ]
    shown = comments.translate(
        source,
        {
            'Framing: each line ends with b"\\n".': '分帧：每行以 b"\\n" 结尾。',
            "the module": "模块",
            "First half of a sentence, and its second half.": "前半句，\n后半句。",
        },
    )
    assert shown.splitlines()[:5] == [
        '"""分帧：每行以 b"\\n" 结尾。"""',
        "import socket  # 模块",
        "# 前半句，",
        "# 后半句。",
        "#",
    ]
    assert code_differences(shown, source) == []


@pytest.mark.parametrize(
    ("translation", "reason"),
    [
        ({"the module": "一行\n两行"}, "must stay on one line"),
        ({'Framing: each line ends with b"\\n".': '以 """ 结尾'}, 'must not contain """'),
        ({'Framing: each line ends with b"\\n".': '以引号结尾"'}, "must not contain"),
    ],
)
def test_a_translation_that_would_change_the_code_is_refused(translation: dict[str, str], reason: str) -> None:
    source = '"""Framing: each line ends with b"\\n"."""\nimport socket  # the module\n'
    with pytest.raises(comments.TranslationError, match=reason):
        comments.translate(source, translation)


@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_examples_are_the_tested_files_but_for_comments(site: Path, page: str) -> None:
    """What a reader copies from any language's page runs exactly as the tested file does."""
    problems = []
    for language in LANGUAGES:
        examples = shown_examples(html_of(site, language, page))
        assert examples, f"{language.folder}/{page}.html shows no example"
        for name, shown in examples.items():
            tested = (ROOT / "snippets" / name).read_text(encoding="utf-8")
            if language == SOURCE and shown.rstrip("\n") != tested.rstrip("\n"):
                problems.append(f"{language.folder}/{page}.html: {name} is not the file as it is")
            problems += [f"{language.folder}/{page}.html: {name}: {d}" for d in code_differences(shown, tested)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATIONS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page", EXAMPLE_PAGES)
def test_examples_speak_the_pages_language(site: Path, language: Language, page: str) -> None:
    """No English comment or docstring is left, and no translated line runs past the column limit."""
    problems = []
    for name, shown in shown_examples(html_of(site, language, page)).items():
        tested = (ROOT / "snippets" / name).read_text(encoding="utf-8")
        docstrings = docstring_positions(shown)
        for token in tokenize.generate_tokens(io.StringIO(shown).readline):
            words = token.type == tokenize.COMMENT or (token.type == tokenize.STRING and token.start in docstrings)
            if words and PROSE_WORD.search(token.string) and not HAN.search(token.string):
                problems.append(f"{name}:{token.start[0]}: still in English: {token.string[:60]}")
        for number, line in enumerate(shown.splitlines(), 1):
            if width(line) > WIDEST and line not in tested.splitlines():
                problems.append(f"{name}:{number}: {width(line)} columns (at most {WIDEST}): {line}")
    assert not problems, f"{language.folder}/{page}.html:\n" + "\n".join(problems)


# -- What the build writes -------------------------------------------------------------------------------


def pairs_of(site: Path, language: Language, page: str) -> dict[str, str]:
    path = site / language.folder / FOLDER / f"{page}.json"
    return json.loads(path.read_text(encoding="utf-8"))["pairs"] if path.is_file() else {}


def marked(page_html: str) -> list[str]:
    """The numbers of the paired elements of a page, each once (an element carries one number)."""
    numbers = re.findall(r'class="[^"]*\bpair-(\d+)\b', page_html)
    assert len(numbers) == len(set(numbers)), f"a number marks two elements: {sorted(numbers, key=int)}"
    return numbers


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.mark.parametrize("page", [page for page in PAGES if page != "404"])
def test_every_translated_element_has_its_source_and_nothing_shows_twice(site: Path, page: str) -> None:
    source = pairs_of(site, SOURCE, page)
    assert source, f"{SOURCE.folder}/{FOLDER}/{page}.json is missing"
    assert sorted(marked(html_of(site, SOURCE, page)), key=int) == sorted(source, key=int)
    for language in TRANSLATIONS:
        numbers = marked(html_of(site, language, page))
        assert numbers, f"{language.folder}/{page}.html marks no translated element"
        assert sorted(numbers, key=int) == sorted(pairs_of(site, language, page), key=int)
        missing = [number for number in numbers if number not in source]
        assert not missing, f"{language.folder}/{page}.html: no English for elements {missing}"
        # An element shown in English on the translated page (untranslated, or the same in both) is not paired.
        same = [n for n in numbers if text_of(source[n]) == text_of(pairs_of(site, language, page)[n])]
        assert not same, f"{language.folder}/{page}.html pairs elements with themselves: {same}"


@pytest.mark.parametrize("page", ["recv", "guide-framing", "glossary", "index"])
def test_the_other_language_is_not_in_the_page(site: Path, page: str) -> None:
    """Search indexes and search engines see one language per page: the pairs stay in their file."""
    for language in TRANSLATIONS:
        translated = set(marked(html_of(site, language, page)))
        english = [text_of(f) for n, f in pairs_of(site, SOURCE, page).items() if n in translated]
        chinese = [text_of(f) for f in pairs_of(site, language, page).values()]
        for shown_on, texts in ((language, english), (SOURCE, chinese)):
            page_text = text_of(html_of(site, shown_on, page))
            found = [text[:50] for text in texts if len(text) > 30 and text in page_text]
            assert not found, f"{shown_on.folder}/{page}.html holds the other language's text: {found}"


def strip_pairs(page_html: str) -> str:
    """*page_html* as it was without 中英对照: no pair-N classes, no toggle."""
    page_html = re.sub(r'<button type="button" class="pair-toggle"[^>]*>[^<]*</button>', "", page_html)
    page_html = re.sub(r' class="pair-\d+"', "", page_html)
    return re.sub(r" ?\bpair-\d+\b", "", page_html)


def section(text: str, start: str, end: str) -> str:
    """*text* without the part from the line holding *start* to the line before *end*."""
    first = text.index(start)
    first = text.rindex("\n", 0, first) + 1
    return text[:first] + text[text.index(end, first) :]


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


@pytest.mark.parametrize("page", ["index", "recv", "guide-framing", "glossary", "socket"])
def test_the_toggle_adds_at_most_1_kb_compressed_to_a_page(site: Path, language: Language, page: str) -> None:
    """The page's classes and toggle, and the toggle's share of site.js and site.css, gzip-compressed."""
    static = site / language.folder / "_static"
    script = (static / "site.js").read_text(encoding="utf-8")
    style = (static / "site.css").read_text(encoding="utf-8")
    page_html = html_of(site, language, page)
    added = {
        "page": gzipped(page_html) - gzipped(strip_pairs(page_html)),
        "site.js": gzipped(script) - gzipped(section(script, "// -- 中英对照", "// -- Start")),
        "site.css": gzipped(style) - gzipped(section(style, "/* 中英对照", "/* Furo's sticky header")),
    }
    assert all(size > 0 for size in added.values()), f"nothing measured: {added}"
    assert sum(added.values()) <= 1024, f"{language.folder}/{page}.html grows by {sum(added.values())} bytes: {added}"


# -- In Chromium -----------------------------------------------------------------------------------------

browser = pytest.mark.browser


def toggle_label(language: Language) -> str:
    return theme_words(language, TOGGLE)


def open_page(page: Any, site_url: str, language: Language, name: str) -> None:
    page.goto(f"{site_url}{language.folder}/{name}.html")
    page.locator(".language-switcher-article button.pair-toggle").wait_for(state="visible")


def shown_pairs(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "article .pair-other",
        "others => others.map(o => ({lang: o.lang, text: o.innerText, after: (o.previousElementSibling || o.parentElement).className}))",
    )


@browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_toggle_shows_and_hides_the_other_language(page: Any, site: Path, site_url: str, language: Language) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, site_url, language, "recv")
    assert not [url for url in requests if "pair" in url], f"loaded before asked for: {requests}"
    button = page.locator(".language-switcher-article button.pair-toggle")
    assert button.inner_text() == toggle_label(language)
    assert button.get_attribute("aria-pressed") == "false"
    assert page.locator(".pair-other").count() == 0

    button.click()
    page.locator(".pair-other").first.wait_for()
    assert button.get_attribute("aria-pressed") == "true"
    other = SOURCE if language != SOURCE else TRANSLATIONS[0]
    expected = pairs_of(site, other, "recv")
    numbers = [n for n in marked(html_of(site, language, "recv")) if n in expected]
    shown = shown_pairs(page)
    assert len(shown) == len(numbers), f"{len(shown)} shown for {len(numbers)} paired elements"
    assert {item["lang"] for item in shown} == {other.tag}
    # Beneath the title, the other language's title.
    title = page.locator("article h1 + .pair-other")
    assert text_of(title.inner_text()) == text_of(expected["1"])
    # The example, commented in the other language, beneath the example.
    example = page.locator(".pair-example")
    assert example.count() == 1
    english_comment = "The client has nothing more to send"
    assert (english_comment in example.inner_text()) == (other == SOURCE)
    assert not page.console_errors

    button.click()
    page.wait_for_function("!document.querySelector('.pair-other')")
    assert button.get_attribute("aria-pressed") == "false"


@browser
def test_toggle_is_remembered_across_pages_and_visits(chromium: Any, site_url: str) -> None:
    context = chromium.new_context()
    tab = context.new_page()
    language = TRANSLATIONS[0]
    open_page(tab, site_url, language, "bind")
    tab.locator(".language-switcher-article button.pair-toggle").click()
    tab.locator(".pair-other").first.wait_for()
    tab.goto(f"{site_url}{language.folder}/listen.html")
    tab.locator(".pair-other").first.wait_for()
    assert tab.locator("button.pair-toggle").first.get_attribute("aria-pressed") == "true"
    tab.close()
    # A later visit: a new tab of the same browser profile.
    later = context.new_page()
    later.goto(f"{site_url}{SOURCE.folder}/accept.html")
    later.locator(f'.pair-other[lang="{language.tag}"]').first.wait_for()
    later.locator(".language-switcher-article button.pair-toggle").click()
    later.goto(f"{site_url}{language.folder}/accept.html")
    later.locator("button.pair-toggle").first.wait_for(state="attached")
    later.wait_for_load_state("networkidle")
    assert later.locator(".pair-other").count() == 0
    context.close()


@browser
def test_toggle_works_from_the_keyboard_and_in_the_phone_header(chromium: Any, site_url: str) -> None:
    language = TRANSLATIONS[0]
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(f"{site_url}{language.folder}/send.html")
    header = tab.locator(".language-switcher-header button.pair-toggle")
    header.wait_for(state="visible")
    header.focus()
    tab.keyboard.press("Enter")
    tab.locator(".pair-other").first.wait_for()
    assert header.get_attribute("aria-pressed") == "true"
    tab.keyboard.press("Space")
    tab.wait_for_function("!document.querySelector('.pair-other')")
    context.close()


@browser
def test_without_javascript_the_page_is_simply_its_language(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}{TRANSLATIONS[0].folder}/recv.html")
    assert tab.locator("button.pair-toggle").count() == 2
    assert not tab.locator("button.pair-toggle").first.is_visible()
    context.close()


@browser
def test_print_follows_the_choice(page: Any, site_url: str) -> None:
    open_page(page, site_url, TRANSLATIONS[0], "recv")
    page.locator(".language-switcher-article button.pair-toggle").click()
    page.locator(".pair-other").first.wait_for()
    page.emulate_media(media="print")
    assert page.locator("article h1 + .pair-other").is_visible()
    assert not page.locator("button.pair-toggle").first.is_visible()


@browser
@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_no_serious_accessibility_violations_with_pairs_shown(page: Any, site_url: str, language: Language) -> None:
    open_page(page, site_url, language, "recv")
    page.locator(".language-switcher-article button.pair-toggle").click()
    page.locator(".pair-example").wait_for()
    serious = serious_accessibility_violations(page)
    assert not serious, "\n".join(serious)


def test_the_not_found_page_has_no_toggle(site: Path, language: Language) -> None:
    """It is served at any missing address: the address of its pairs would be missing too."""
    assert "pair-toggle" not in html_of(site, language, "404")


@browser
def test_search_finds_a_page_only_in_its_own_language(page: Any, site: Path, site_url: str) -> None:
    """The other language's text, fetched for 中英对照, is in no language's search index."""
    from search_queries import search

    for language in TRANSLATIONS:
        # The Chinese words of recv's title (the method's name would find it in any language).
        title = "".join(HAN.findall(text_of(pairs_of(site, language, "recv")["1"])))
        places = search(page, site_url, language.folder, title)[:3]
        assert any(place.startswith("recv") for place in places), f"{language.folder} cannot find {title!r}: {places}"
        found = [place for place in search(page, site_url, SOURCE.folder, title) if place.startswith("recv")]
        assert not found, f"the English search finds {title!r}: {found}"
