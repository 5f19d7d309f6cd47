"""What readers meet around the text: anchors, languages of parts, the 404 page, search.

A second Sphinx extension beside :mod:`socksite.ext`, for the details a reader
notices in the browser rather than in the text:

- index anchors (``#index-1``) that are the same in every language;
- Chinese words on pages in another language, marked ``lang="zh-CN"``;
- the words the site puts around each example, from the theme's catalogue;
- absolute links on the 404 page, which is served at any missing address;
- pages marked ``nosearch`` (the contributors' API page) kept out of the
  index (and, by :mod:`socksite.search`, out of search);
- no ``og:url`` unless the site's public address is known.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from socksite.languages import languages_from, public_base

INDEX_ID = re.compile(r"index-\d+")
#: Runs of Chinese characters and of the full-width punctuation written with them.
HAN = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
#: The node attributes that name the theme-catalogue message a node says, and the values of its
#: ``%(name)s`` fields (see :class:`ThemeWords`).
WORDS, FIELDS = "socksite_words", "socksite_fields"
OPEN_GRAPH_URL = re.compile(r'\s*<meta property="og:url"[^>]*>')


class StableIndexIds(SphinxTransform):
    """Number a page's ``index-N`` anchors in the order they appear.

    Sphinx numbers them as it creates them.  A translated page parses each
    translated paragraph once more, and the roles in it (``{pep}``,
    ``{index}``) take fresh numbers, so one entry was ``#index-1`` in English
    and ``#index-3`` in Chinese.  Renumbered here, after the translation and
    before the index entries are collected, they match in every language.
    """

    default_priority = 800  # after Locale (20), before the domains collect (850)

    def apply(self, **kwargs: Any) -> None:
        renamed: dict[str, str] = {}
        for node in self.document.findall(nodes.Element):
            for old in node["ids"]:
                if INDEX_ID.fullmatch(old) and old not in renamed:
                    renamed[old] = f"index-{len(renamed)}"
        if all(old == new for old, new in renamed.items()):
            return
        for node in self.document.findall(nodes.Element):
            node["ids"] = [renamed.get(old, old) for old in node["ids"]]
            if node.get("refid") in renamed:
                node["refid"] = renamed[node["refid"]]
            if isinstance(node, addnodes.index):
                node["entries"] = [
                    (kind, value, renamed.get(target, target), *rest) for kind, value, target, *rest in node["entries"]
                ]
        self.document.ids = {renamed.get(old, old): node for old, node in self.document.ids.items()}


def chinese_tag(config: Config) -> str | None:
    """The BCP 47 tag of the site's first Chinese, for Chinese words on a page in another language.

    None on a Chinese page (the page's own ``lang`` says which Chinese: a Taiwan
    page's words are not Simplified Chinese), and on a site with no Chinese.
    """
    if (config.language or "en").startswith("zh"):
        return None
    languages = languages_from(config.site_languages)
    chinese = next((lang for lang in languages if lang.code.startswith("zh")), None)
    return chinese.tag if chinese else None


class MarkChineseText(SphinxTransform):
    """On a page in another language, mark Chinese words ``lang="zh-CN"``.

    Browsers choose glyphs by language: without the mark, Chromium draws the
    glossary's Chinese terms on the English page with Japanese forms, and a
    screen reader reads them with an English voice.  Docutils writes a
    ``language-zh-CN`` class as ``lang="zh-CN"``.  Code blocks are left alone.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        tag = chinese_tag(self.config)
        if tag is None:
            return
        marker = f"language-{tag}"
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or not HAN.search(text) or _inside_code_block(parent):
                continue
            if isinstance(parent, nodes.literal):
                # Inline code is written as one element: mark all of it.
                if marker not in parent["classes"]:
                    parent["classes"].append(marker)
                continue
            pieces: list[nodes.Node] = []
            done = 0
            for run in HAN.finditer(text):
                if run.start() > done:
                    pieces.append(nodes.Text(text[done : run.start()]))
                pieces.append(nodes.inline(run.group(), run.group(), classes=[marker]))
                done = run.end()
            if done < len(text):
                pieces.append(nodes.Text(text[done:]))
            parent.replace(text, pieces)


def _inside_code_block(node: nodes.Element) -> bool:
    """Whether *node* is or sits in a literal block, raw HTML or a comment."""
    parent: nodes.Element | None = node
    while parent is not None:
        if isinstance(parent, (nodes.FixedTextElement, nodes.raw, nodes.comment)):
            return True
        parent = parent.parent
    return False


class ThemeWords(SphinxPostTransform):
    """Say the site's own words in the page's language when the page is written.

    A node with a ``socksite_words`` attribute (an English message, with
    ``%(name)s`` fields filled from its ``socksite_fields``) gets its text from
    the theme's catalogue, ``locale/<lang>/LC_MESSAGES/sphinx.po``, like the
    theme's "Next" and "Previous".  Done at writing, not reading, so a change
    to that catalogue reaches every page (the pages are written again).
    """

    default_priority = 100
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            message = node.get(WORDS)
            if message:
                node.children = []
                node += nodes.Text(str(_(message)) % node.get(FIELDS, {}))


def absolute_links_on_not_found_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make the 404 page's own links absolute paths.

    The page is served at whatever address was missing (``/zh-cn/a/b.html``),
    so a relative link to ``index.html`` would be missing too.  The theme's
    links are made absolute by sphinx-notfound-page; these are the page's text.
    """
    if docname != app.config.notfound_pagename:
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        if uri and not urlsplit(uri).scheme and not uri.startswith(("/", "#")):
            reference["refuri"] = urljoin(prefix, uri)


def no_open_graph_url_without_address(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Leave ``og:url`` out when the site's public address is not configured.

    sphinxext-opengraph would write the page's relative path there; Open
    Graph wants a full URL or nothing, like the canonical link.
    """
    if public_base(app.config.site_base_url) is None:
        context["metatags"] = OPEN_GRAPH_URL.sub("", context.get("metatags", ""))


def kept_out_of_search(metadata: dict[str, Any]) -> bool:
    """Whether a page's front matter keeps it out of the search (``nosearch``)."""
    return "nosearch" in metadata or "no-search" in metadata


class KeepNosearchPagesOutOfTheIndex(SphinxTransform):
    """A page kept out of search (``nosearch`` in its front matter) is kept out of the index too.

    Its index entries (autodoc makes one for every object) are emptied
    before they are collected; the objects themselves stay linkable.
    """

    default_priority = 800  # after the front matter became docinfo, before the domains collect (850)

    def apply(self, **kwargs: Any) -> None:
        fields = {
            field[0].astext(): True for docinfo in self.document.findall(nodes.docinfo) for field in docinfo.findall(nodes.field)
        }
        if kept_out_of_search(fields):
            for node in self.document.findall(addnodes.index):
                node["entries"] = []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the transforms and the 404 page's handler."""
    app.add_transform(StableIndexIds)
    app.add_transform(MarkChineseText)
    app.add_transform(KeepNosearchPagesOutOfTheIndex)
    app.add_post_transform(ThemeWords)
    app.connect("doctree-resolved", absolute_links_on_not_found_page)
    # After sphinxext-opengraph has added its tags (priority 500).
    app.connect("html-page-context", no_open_graph_url_without_address, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
