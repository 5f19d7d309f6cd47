"""The site as readers use it in Chromium: switching language, the root page, copying code,
accessibility, phones, the keyboard, printing, and the 404 page."""

from __future__ import annotations

import itertools
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import Printed, read_printed_pdf, serious_accessibility_violations
from conftest import LANGUAGES, PAGES, ROOT
from test_pairs import code_differences
from test_reader import theme_words

from socksite.languages import Language
from socksite.reader import HAN
from socksite.snippets import OUTPUT

pytestmark = pytest.mark.browser

SITE_PAGES = [page for page in PAGES if page != "404"]
#: Each two languages once: the switcher test goes there and back.
PAIRS = list(itertools.combinations(LANGUAGES, 2))


class SectionIds(HTMLParser):
    """The ids of the <section> elements of a page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.ids.extend(value for key, value in attrs if key == "id" and value)


def section_ids(site: Path, language: Language, page: str) -> list[str]:
    parser = SectionIds()
    parser.feed((site / language.folder / f"{page}.html").read_text(encoding="utf-8"))
    return parser.ids


@pytest.mark.parametrize("page_name", SITE_PAGES)
def test_section_ids_are_the_same_in_every_language(site: Path, page_name: str) -> None:
    ids = {language.code: section_ids(site, language, page_name) for language in LANGUAGES}
    first, *rest = ids.values()
    assert all(other == first for other in rest), f"{page_name}: section ids differ: {ids}"


@pytest.mark.parametrize(("language", "other"), PAIRS, ids=lambda lang: lang.code)
def test_switcher_keeps_page_and_anchor_both_ways(
    page: Any, site: Path, site_url: str, language: Language, other: Language
) -> None:
    """On every page: switch at a section, land on the same page and section, and come back."""
    problems = []
    for page_name in SITE_PAGES:
        ids = section_ids(site, language, page_name)
        anchor = f"#{ids[-1]}" if len(ids) > 1 else ""
        page.goto(f"{site_url}{language.folder}/{page_name}.html{anchor}")
        for here, there in ((language, other), (other, language)):
            # A real click event for the switcher's script; Playwright's own click()
            # waits about a second for the page to settle after the anchor jump.
            page.eval_on_selector(f'a.language-link[hreflang="{there.tag}"]', "link => link.click()")
            page.wait_for_url(f"**/{there.folder}/{page_name}.html*")
            fragment = urlsplit(page.url).fragment
            if fragment != anchor.lstrip("#"):
                problems.append(f"{page_name}: {here.code} -> {there.code} lost the anchor {anchor}: {page.url}")
            if page.evaluate("document.documentElement.lang") != there.tag:
                problems.append(f"{page_name}: {there.code} page does not declare lang={there.tag}")
            if anchor and page.locator(anchor).count() != 1:
                problems.append(f"{page_name}: {anchor} is not on the {there.code} page")
    assert not problems, "\n".join(problems)


#: Browser languages and where the root page sends them: each language's own tag, each alias
#: conf.py gives it, a bare "zh" (the first Chinese) and a
#: language the site does not have (the source language).
ROOT_CASES = sorted(
    {(lang.tag, lang.folder) for lang in LANGUAGES}
    | {(f"{LANGUAGES[0].tag}-US", LANGUAGES[0].folder)}
    | {(alias, lang.folder) for lang in LANGUAGES for alias in lang.aliases}
    # A script alias (zh-Hant) with a region after it: zh-Hant-HK falls back to zh-Hant.
    | {(f"{alias}-HK", lang.folder) for lang in LANGUAGES for alias in lang.aliases if len(alias.split("-")[-1]) == 4}
    | {("zh", next(lang.folder for lang in LANGUAGES if lang.tag.startswith("zh"))), ("fr-FR", LANGUAGES[0].folder)}
)


@pytest.mark.parametrize(("locale", "folder"), ROOT_CASES)
def test_root_page_sends_each_browser_to_its_language(chromium: Any, site_url: str, locale: str, folder: str) -> None:
    context = chromium.new_context(locale=locale)
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_url(f"**/{folder}/index.html")
    context.close()


def test_root_page_remembers_the_language_a_reader_chose(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{site_url}en/bind.html")
    page.click('a.language-link[hreflang="zh-CN"]:visible')
    page.wait_for_url("**/zh-cn/bind.html")
    page.goto(site_url)
    page.wait_for_url("**/zh-cn/index.html")
    context.close()


def test_root_page_works_without_javascript(chromium: Any, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url)
    for language in LANGUAGES:
        link = page.locator(f'a[hreflang="{language.tag}"]')
        assert link.inner_text() == language.name
    page.click('a[hreflang="zh-CN"]')
    page.wait_for_url("**/zh-cn/index.html")
    context.close()


@pytest.mark.parametrize("page_name", ["bind", "recv", "makefile"])
def test_copy_button_copies_exactly_the_snippet(chromium: Any, site_url: str, page_name: str) -> None:
    """What is copied is what is shown: the tested file, its comments in the page's language."""
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site_url}zh-cn/{page_name}.html")
    code = page.locator(".snippet").first
    code.hover()
    code.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = code.locator("pre").inner_text()
    tested = (ROOT / "snippets" / f"{page_name}.py").read_text(encoding="utf-8")
    assert copied.rstrip("\n") == shown.rstrip("\n")
    assert code_differences(copied, tested) == [], "the copied code is not the tested file"
    assert HAN.search(copied), "the Chinese page's example is copied with English comments"
    run = page.locator("div.snippet-run, .highlight-console").first
    run.hover()
    run.locator("button.copybtn").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"python3 {page_name}.py"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page_name", ["index", "socket", "bind", "glossary", "search"])
def test_no_serious_accessibility_violations(page: Any, site_url: str, page_name: str, language: Language) -> None:
    page.goto(f"{site_url}{language.folder}/{page_name}.html")
    serious = serious_accessibility_violations(page)
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_switcher_is_visible_and_usable_on_a_phone(chromium: Any, site_url: str, language: Language) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}{language.folder}/recv.html")
    link = page.locator("a.language-link").first
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert box["height"] >= 24, f"touch target is {box['height']}px high"
    link.tap()
    folders = "|".join(re.escape(lang.folder) for lang in LANGUAGES if lang != language)
    page.wait_for_url(re.compile(rf".*/({folders})/recv\.html$"))
    context.close()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page_name", ["index", "bind", "search"])
def test_no_request_leaves_the_site(chromium: Any, site_url: str, page_name: str, language: Language) -> None:
    context = chromium.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    query = "?q=socket" if page_name == "search" else ""
    page.goto(f"{site_url}{language.folder}/{page_name}.html{query}")
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith(site_url) and not url.startswith("data:")]
    assert not outside, f"requests outside the site: {outside}"
    assert not failed, f"missing files: {failed}"
    context.close()


def other_language(language: Language) -> Language:
    return next(lang for lang in LANGUAGES if lang != language)


# -- The language switcher: on every page, in reach, at the reader's place ---------------------------


@pytest.mark.parametrize(("page_name", "query"), [("search", "?q=socket"), ("genindex", "")])
def test_switcher_on_search_and_index_pages(
    page: Any, site_url: str, language: Language, page_name: str, query: str
) -> None:
    """Furo's search and index pages replace the content block the switcher used to be in."""
    other = other_language(language)
    page.goto(f"{site_url}{language.folder}/{page_name}.html{query}")
    page.locator(f'a.language-link[hreflang="{other.tag}"]:visible').click()
    page.wait_for_url(f"**/{other.folder}/{page_name}.html{query}")


def test_switcher_stays_in_the_phone_header_while_reading(chromium: Any, site_url: str, language: Language) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}{language.folder}/recv.html")
    page.evaluate("window.scrollTo({top: document.body.scrollHeight, behavior: 'instant'})")
    link = page.locator(f'a.language-link[hreflang="{other_language(language).tag}"]:visible')
    assert link.count() == 1, "one switcher at a time"
    assert link.evaluate("link => Boolean(link.closest('header.mobile-header'))"), "not in the sticky header"
    box = link.bounding_box()
    header = page.locator("header.mobile-header").bounding_box()
    assert box is not None and header is not None and box["y"] >= 0 and box["y"] + box["height"] <= header["height"]
    assert box["height"] >= 24, f"touch target is {box['height']}px high"
    context.close()


#: The language links point at a place (once scrolling has settled).
POINTS_AT = """(fragment) => document.querySelector("a.language-link[data-same-page]")
  .getAttribute("href").endsWith(fragment)"""

#: The section to read: the first after the title that fills the top quarter of the window.
LONG_SECTION = """() => {
  const sections = Array.from(document.querySelectorAll("article section[id]")).slice(1);
  for (const [i, section] of sections.entries()) {
    const next = sections[i + 1];
    const end = next ? next.getBoundingClientRect().top : document.body.scrollHeight;
    const room = document.documentElement.scrollHeight - section.getBoundingClientRect().top - window.scrollY;
    if (end - section.getBoundingClientRect().top > window.innerHeight / 2 && room > window.innerHeight) return section.id;
  }
  return null;
}"""


@pytest.mark.parametrize(("language", "other"), PAIRS, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page_name", ["bind", "recv", "guide-framing"])
def test_switcher_follows_the_section_being_read(
    page: Any, site_url: str, language: Language, other: Language, page_name: str
) -> None:
    """No #fragment in the address: the link follows the reader, for a click, a middle-click or "copy link"."""
    page.goto(f"{site_url}{language.folder}/{page_name}.html")
    section = page.evaluate(LONG_SECTION)
    assert section, f"{page_name} has no section long enough to read in"
    page.evaluate("id => document.getElementById(id).scrollIntoView({behavior: 'instant'})", section)
    link = page.locator(f'a.language-link[hreflang="{other.tag}"]:visible')
    page.wait_for_function(POINTS_AT, arg=f"#{section}")
    assert link.get_attribute("href").endswith(f"/{other.folder}/{page_name}.html#{section}")
    # A click event where the reader is: Playwright's own click() would first scroll to the
    # link at the top of the article, and the place would follow that scroll.
    link.evaluate("link => link.click()")
    page.wait_for_url(f"**/{other.folder}/{page_name}.html#{section}")
    # Back again from there: the place is kept.
    page.wait_for_function(POINTS_AT, arg=f"#{section}")
    page.locator(f'a.language-link[hreflang="{language.tag}"]:visible').click()
    page.wait_for_url(f"**/{language.folder}/{page_name}.html#{section}")


# -- Copy buttons ----------------------------------------------------------------------------------


def test_copy_buttons_are_named_for_what_they_copy(page: Any, site_url: str, language: Language) -> None:
    page.goto(f"{site_url}{language.folder}/bind.html")
    code, command = theme_words(language, "Copy code"), theme_words(language, "Copy command")
    assert code != command
    page.locator(".snippet-output button.copybtn").wait_for(state="attached")
    assert page.locator(".snippet button.copybtn").get_attribute("aria-label") == code
    assert page.locator(".snippet-output button.copybtn").get_attribute("aria-label") == command
    assert page.get_by_role("button", name=code, exact=True).count() >= 1
    assert page.get_by_role("button", name=command, exact=True).count() >= 1


def test_copy_button_is_visible_when_reached_by_keyboard(page: Any, site_url: str, language: Language) -> None:
    """WCAG 2.4.7: a keyboard user sees where the focus is."""
    page.goto(f"{site_url}{language.folder}/bind.html")
    button = page.locator(".snippet button.copybtn")
    button.wait_for(state="attached")
    # Start at the last visible link before the example; a few Tabs reach the button.
    page.evaluate("""() => {
      const example = document.querySelector(".snippet");
      const before = Array.from(document.querySelectorAll("article a[href]")).filter(
        (link) => link.compareDocumentPosition(example) & Node.DOCUMENT_POSITION_FOLLOWING
          && !example.contains(link) && link.checkVisibility({visibilityProperty: true}));
      before.at(-1).focus();
    }""")
    for _ in range(10):
        page.keyboard.press("Tab")
        if button.evaluate("button => button === document.activeElement"):
            break
    assert button.evaluate("button => button === document.activeElement"), "Tab does not reach the copy button"
    page.wait_for_function("button => getComputedStyle(button).opacity === '1'", arg=button.element_handle())
    outline = button.evaluate("b => [getComputedStyle(b).outlineStyle, getComputedStyle(b).outlineWidth]")
    assert outline[0] != "none" and outline[1] != "0px", f"no focus ring: {outline}"


# -- The output block ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_output_block_is_labelled_and_looks_unlike_the_code(
    chromium: Any, site_url: str, language: Language, scheme: str
) -> None:
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}{language.folder}/bind.html")
    label = page.locator(".snippet-output .code-block-caption")
    assert label.is_visible() and label.inner_text().strip() == theme_words(language, OUTPUT)
    style = "e => ['backgroundColor', 'borderLeftWidth', 'borderLeftColor'].map(p => getComputedStyle(e)[p])"
    code = page.eval_on_selector(".snippet .highlight", style)
    output = page.eval_on_selector(".snippet-output .highlight", style)
    assert code != output, f"the output looks like the code: {code}"
    context.close()


# -- Print -----------------------------------------------------------------------------------------

#: Pages that printed badly: a blank first page, captions left behind, lines cut off, a last page
#: with only the footer.
PRINT_PAGES = ["accept", "bind", "byteorder", "create_server", "defaulttimeout"]


def loosely(text: str) -> str:
    """Text to compare with what a PDF says: compatibility forms folded, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def print_page(page: Any, url: str) -> Printed:
    page.goto(url)
    page.emulate_media(media="print")
    return read_printed_pdf(page.pdf())


@pytest.mark.parametrize("page_name", PRINT_PAGES)
def test_printed_pages_hold_the_text_and_nothing_else(
    page: Any, site: Path, site_url: str, language: Language, page_name: str
) -> None:
    printed = print_page(page, f"{site_url}{language.folder}/{page_name}.html")
    title_section = section_ids(site, language, page_name)[0]
    assert printed.destinations.get(title_section) == 0, "the first page does not start with the title"
    skip = loosely(theme_words(language, "Skip to content"))
    footer = loosely(page.locator("footer .bottom-of-page").text_content())
    captions = [loosely(text) for text in page.locator(".code-block-caption .caption-text").all_text_contents()]
    for number, text in enumerate(printed.pages, start=1):
        here = loosely(text)
        assert skip not in here, f"page {number} prints the skip link"
        assert here.replace(skip, "").replace(footer, ""), f"page {number} holds only the footer"
        if number < len(printed.pages):
            stranded = [caption for caption in captions if here.replace(skip, "").endswith(caption)]
            assert not stranded, f"page {number} ends with the caption {stranded}, its code is on the next"


@pytest.mark.parametrize("page_name", PRINT_PAGES)
def test_printed_code_is_not_cut_off(chromium: Any, site_url: str, language: Language, page_name: str) -> None:
    """Laid out for print at a Letter page's width, no line of code runs past the block."""
    context = chromium.new_context(viewport={"width": 816, "height": 1056})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{site_url}{language.folder}/{page_name}.html")
    cut = page.evaluate(
        "Array.from(document.querySelectorAll('article pre'))"
        ".filter(pre => pre.scrollWidth > pre.clientWidth + 1).map(pre => pre.textContent.slice(0, 40))"
    )
    assert not cut, f"lines cut off at the right margin in: {cut}"
    context.close()


# -- 404 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "found"),
    [
        ("zh-cn/library/socket.html#socket.socket.bind", "zh-cn/bind.html#socket.socket.bind"),
        ("library/socket.html#socket.create_connection", "en/create_connection.html#socket.create_connection"),
        ("en/library/socket.html#socket.socket.recv_into", "en/recv_into.html#socket.socket.recv_into"),
    ],
)
def test_old_python_docs_addresses_lead_to_the_page(page: Any, site_url: str, missing: str, found: str) -> None:
    """The site serves its root 404.html for every missing address, as GitHub Pages does."""
    page.console_errors.clear()
    page.goto(f"{site_url}{missing}")
    page.wait_for_url(f"{site_url}{found}")
    # The 404 response itself is logged as a console error by Chromium: expected here.
    page.console_errors[:] = [error for error in page.console_errors if "404" not in error]


def test_not_found_page_at_a_nested_address_links_home(page: Any, site_url: str, language: Language) -> None:
    response = page.goto(f"{site_url}{language.folder}/library/deeper/socket.html")
    assert response is not None and response.status == 404
    page.console_errors[:] = [error for error in page.console_errors if "404" not in error]
    page.locator("article a[href$='index.html']").last.click()
    page.wait_for_load_state()
    assert page.locator("article h1").count() == 1 and "404" not in page.title(), page.url


# -- Reading comfort ---------------------------------------------------------------------------------


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_smooth_scrolling_only_for_readers_who_do_not_mind_motion(chromium: Any, site_url: str, motion: str) -> None:
    context = chromium.new_context(reduced_motion=motion)
    page = context.new_page()
    page.goto(f"{site_url}en/bind.html")
    behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    assert behaviour == ("auto" if motion == "reduce" else "smooth")
    context.close()


#: Characters that must not start a line (closing punctuation, Chinese and Latin).
NO_LINE_START = set("：:，,。.、；;）)！!？?」』》")

LINE_STARTS = """h1 => {
  const starts = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  let previous = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".headerlink")) continue;
    for (let i = 0; i < node.data.length; i++) {
      if (!node.data[i].trim()) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (previous !== null && box.top > previous + box.height / 2) starts.push(node.data[i]);
      previous = box.top;
    }
  }
  return starts;
}"""


@pytest.mark.parametrize("width", [360, 375, 414])
def test_titles_on_phones_start_no_line_with_punctuation(chromium: Any, site_url: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    for language in LANGUAGES:
        for page_name in SITE_PAGES:
            page.goto(f"{site_url}{language.folder}/{page_name}.html")
            starts = page.locator("article h1").first.evaluate(LINE_STARTS)
            bad = [char for char in starts if char in NO_LINE_START]
            if bad:
                problems.append(f"{language.folder}/{page_name}: a title line starts with {bad}")
    assert not problems, "\n".join(problems)
    context.close()


#: Pages listed low in the sidebar, below its first screen.
LOW_IN_THE_SIDEBAR = ["constants", "exceptions", "sendmsg_afalg", "glossary"]


@pytest.mark.parametrize("page_name", LOW_IN_THE_SIDEBAR)
def test_sidebar_shows_the_current_page(page: Any, site_url: str, language: Language, page_name: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{site_url}{language.folder}/{page_name}.html")
    page.wait_for_load_state("load")
    inside = page.evaluate("""() => {
      const scroller = document.querySelector(".sidebar-scroll");
      const current = scroller.querySelector(".current-page > a").getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      return current.top >= box.top && current.bottom <= box.bottom;
    }""")
    assert inside, f"{page_name} is not in view in the sidebar"
    assert page.evaluate("window.scrollY") == 0, "showing it scrolled the page"
