"""The ``site-glossary`` directive: the glossary, generated from ``locale/terms.csv``.

Each entry lists the term in the page's language first and in the source
language (English) after it, so ``{term}`套接字``` and ``{term}`socket``` both
link to the same entry; the English page adds the first translation's word.
An edition does not list another edition's words (位址家族 is Taiwan's, not
Simplified Chinese's), so a Chinese glossary shows only its own.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary
from sphinx.util.docutils import SphinxDirective

from socksite.terms import TERMS_CSV, load_terms


class SiteGlossaryDirective(SphinxDirective):
    """Render every term of ``locale/terms.csv`` as a Sphinx glossary."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        language = self.config.language or "en"
        self.env.note_dependency(str(TERMS_CSV))
        lines = StringList()
        source = str(TERMS_CSV)
        codes = list(self.config.site_languages)
        shown = [language, codes[0]] if language != codes[0] else codes[:2]
        for number, term in enumerate(load_terms(), start=2):
            # Each word once: 阻塞 is the same word in both Chinese editions, socket in English and Taiwan's.
            for name in dict.fromkeys(term.name(code) for code in shown):
                lines.append(name, source, number)
            lines.append("   " + term.definition(language), source, number)
            lines.append("", source, number)
        glossary = Glossary(
            "glossary", [], {}, lines, self.lineno,
            self.content_offset, self.block_text, self.state, self.state_machine,
        )  # fmt: skip
        result = glossary.run()
        for node in result:
            for child in node.findall(nodes.Element):
                # Already written in every language: nothing for gettext.
                child["translatable"] = False
        return result
