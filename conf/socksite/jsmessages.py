"""The theme catalogue's words for Sphinx's own JavaScript (the search page's messages).

Sphinx translates the words its scripts show (“no results”, “searching”…) with
a catalogue of its own, ``translations.js``, which a site's ``sphinx.po`` does
not reach.  Sphinx's Chinese one addresses the reader as 您 and mentions
categories the site does not have.  This writes the site's translations of
those messages into ``_static/site-translations.js``, loaded right after
Sphinx's: ``Documentation.addTranslations`` merges them over Sphinx's own.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.application import Sphinx

SCRIPT = "site-translations.js"


def theme_catalogue(app: Sphinx) -> Path:
    """The site's catalogue of theme words for the language being built."""
    return Path(app.srcdir, app.config.locale_dirs[0], app.config.language or "en", "LC_MESSAGES", "sphinx.po")


def load_script(app: Sphinx) -> None:
    """Load the site's translations after Sphinx's, in a translated build."""
    if app.builder.format == "html" and theme_catalogue(app).is_file():
        app.add_js_file(SCRIPT, priority=501)  # translations.js has the default, 500


def write_script(app: Sphinx, exception: Exception | None) -> None:
    """Write ``_static/site-translations.js`` from the theme catalogue."""
    path = theme_catalogue(app)
    if exception is not None or app.builder.format != "html" or not path.is_file():
        return
    with path.open("rb") as stream:
        catalogue = read_po(stream)
    messages = {message.id: message.string for message in catalogue if message.id and message.string}
    script = (
        "Documentation.addTranslations("
        + json.dumps(
            {"locale": str(catalogue.locale), "plural_expr": catalogue.plural_expr, "messages": messages},
            ensure_ascii=False, sort_keys=True, indent=1,
        )  # fmt: skip
        + ");\n"
    )
    target = Path(app.outdir, "_static", SCRIPT)
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
