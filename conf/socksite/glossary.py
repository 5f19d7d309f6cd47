"""The ``site-glossary`` directive: the glossary, generated from ``locale/terms.csv``.

Each entry lists the term in the page's language first and in the other
languages after it, so ``{term}`套接字``` and ``{term}`socket``` both link to
the same entry from any page.
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
        for number, term in enumerate(load_terms(), start=2):
            first = term.name(language)
            others = [name for code, name in term.names.items() if name != first]
            for name in [first, *others]:
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
