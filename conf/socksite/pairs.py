"""中英对照: every translated page can show its English source beneath each element, and back.

The pairs come from the catalogues, element by element, at build time:

1. :class:`NumberPairs` numbers, before the translation, every element a
   catalogue translates (paragraphs, headings, terms, list items and table
   cells through their paragraphs, admonition titles, examples' code).  The
   source is the same in every language, so element *N* is the same element
   on every page of the pair.
2. :class:`MarkPairs` runs after Sphinx's translation and gives each element
   that shows its own language the class ``pair-N``: every numbered element
   of the source language, and of a translation only those that a catalogue
   really translated (an untranslated or fuzzy entry shows English once, not
   twice).
3. :func:`write_pairs` writes each page's marked elements, as HTML, to
   ``_pairs/<page>.json`` in its language's folder.  The page itself only gains the
   classes and the toggle: the other language's text is fetched when the
   reader asks for it (``_static/pairs.js``), so search indexes and search
   engines see one language per page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from socksite.languages import configured_languages, page_url
from socksite.snippets import snippet_code

#: Node attributes: the element's number, and its text before translation.
NUMBER, SOURCE = "socksite_pair", "socksite_pair_source"
#: Where each language's pairs are, below its folder.
FOLDER = "_pairs"
#: The toggle's label, in the page's language (the theme's catalogue translates it).
TOGGLE = "English–Chinese"
#: What the other language's version of an example is called, in that language.
EXAMPLE = "This example, commented in English"


def _pairable(node: nodes.Node) -> bool:
    if isinstance(node, snippet_code):
        return True
    # Field names ("Parameters") are the theme's words, not the page's, and docutils
    # repeats their classes on the field's body.
    skipped = (nodes.Inline, nodes.Invisible, nodes.field_name)
    return isinstance(node, nodes.TextElement) and not isinstance(node, skipped)


class NumberPairs(SphinxTransform):
    """Number the elements a catalogue translates, in document order, before the translation."""

    default_priority = 15  # after PreserveTranslatableMessages (10), before Locale (20)

    def apply(self, **kwargs: Any) -> None:
        seen: set[int] = set()
        for node, _message in extract_messages(self.document):
            if id(node) in seen or not _pairable(node):
                continue
            seen.add(id(node))
            node[NUMBER] = len(seen)
            node[SOURCE] = node.astext()


class MarkPairs(SphinxTransform):
    """Give ``pair-N`` to each numbered element that shows its page's own language."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs: Any) -> None:
        source_language = next(iter(self.config.site_languages))
        translated_build = (self.config.language or "en") != source_language
        for node in self.document.findall(nodes.Element):
            if NUMBER not in node:
                continue
            changed = node.astext() != node[SOURCE]
            if isinstance(node, snippet_code):
                own = changed or not translated_build
            else:
                own = not translated_build or (bool(node.get("translated")) and changed)
            if own:
                node["classes"].append(f"pair-{node[NUMBER]}")
            del node[SOURCE]


def fragment(builder: StandaloneHTMLBuilder, node: nodes.Element) -> str:
    """The HTML of *node*'s content (an example: the whole highlighted block)."""
    if isinstance(node, snippet_code):
        copy = node.deepcopy()
        copy["classes"] = [name for name in copy["classes"] if not name.startswith("pair-")]
        return builder.render_partial(copy)["fragment"]
    inline = nodes.inline("", "", *(child.deepcopy() for child in node.children))
    for inner in inline.findall(nodes.Element):
        inner["ids"] = []  # the page has these ids already
    html = builder.render_partial(inline)["fragment"]
    return html.removeprefix("<span>").removesuffix("</span>")


def write_pairs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write ``_pairs/<docname>.json``: this language's text of each marked element."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or app.builder.name != "html":
        return
    pairs = {
        str(node[NUMBER]): fragment(app.builder, node)
        for node in doctree.findall(nodes.Element)
        if NUMBER in node and f"pair-{node[NUMBER]}" in node["classes"]
    }
    if not pairs:
        return
    path = Path(app.outdir, FOLDER, f"{docname}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    languages = configured_languages(app.config)
    current = next(lang for lang in languages if lang.code == (app.config.language or "en"))
    data = {"lang": current.tag, "example": _(EXAMPLE), "pairs": pairs}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def add_toggle_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Tell the template whether the page has pairs, and where the other languages keep theirs."""
    context["socksite_pairs"] = None
    # The 404 page is served at any missing address, where a relative address of its pairs would miss too.
    if pagename == app.config.notfound_pagename:
        return
    if doctree is None or not any(NUMBER in node for node in doctree.findall(nodes.Element)):
        return
    languages = configured_languages(app.config)
    current = next(lang for lang in languages if lang.code == (app.config.language or "en"))
    source = languages[0]
    # A translation pairs with the source; the source with every released translation (the reader's pick).
    others = [
        lang for lang in languages if lang != current and (lang == source or (current == source and lang.released))
    ]
    context["socksite_pairs"] = {
        lang.folder: page_url(f"{FOLDER}/{pagename}", from_page=pagename, language=lang, suffix=".json")
        for lang in others
    }


def setup(app: Sphinx) -> None:
    """Register the transforms and handlers (called by :func:`socksite.ext.setup`)."""
    app.add_transform(NumberPairs)
    app.add_transform(MarkPairs)
    app.connect("doctree-resolved", write_pairs)
    app.connect("html-page-context", add_toggle_context)
