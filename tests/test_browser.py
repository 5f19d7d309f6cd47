"""The site as readers use it: switching language, the root page, copying code, accessibility."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import LANGUAGES, PAGES, ROOT

from socksite.languages import Language

pytestmark = pytest.mark.browser

SITE_PAGES = [page for page in PAGES if page != "404"]
PAIRS = [(language, other) for language in LANGUAGES for other in LANGUAGES if other != language]


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


@pytest.mark.parametrize(
    ("locale", "folder"), [("zh-CN", "zh-cn"), ("zh-TW", "zh-cn"), ("en-US", "en"), ("fr-FR", "en")]
)
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
    page.click('a.language-link[hreflang="zh-CN"]')
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
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site_url}zh-cn/{page_name}.html")
    code = page.locator(".snippet").first
    code.hover()
    code.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = (ROOT / "snippets" / f"{page_name}.py").read_text(encoding="utf-8")
    assert copied.rstrip("\n") == expected.rstrip("\n")
    run = page.locator("div.snippet-run, .highlight-console").first
    run.hover()
    run.locator("button.copybtn").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"python3 {page_name}.py"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("page_name", ["index", "socket", "bind", "glossary", "search"])
def test_no_serious_accessibility_violations(page: Any, site_url: str, page_name: str, language: Language) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}{language.folder}/{page_name}.html")
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
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
    page.wait_for_url(re.compile(r".*/(en|zh-cn)/recv\.html$"))
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
