"""The ``snippet`` directive: a runnable example, its command and its output.

A page writes::

    ```{snippet} bind
    ```

and gets three things, all read from ``snippets/`` at build time so nothing
is pasted into a page or a catalogue: the code of ``bind.py``; a console
block labelled "Output" with the command that runs it followed by the output
recorded in ``bind.out`` (the file the tests compare the real output with);
and a sentence saying where that output is checked.  The label and the
sentence are the site's words, translated in the theme's catalogue
(``sphinx.po``) when the page is written, never in the page's own catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from socksite import comments

from socksite.metadata import PYPROJECT, checked_on
from socksite.reader import FIELDS, WORDS

SNIPPET_NAME = re.compile(r"[a-z][a-z0-9_]*")
#: The label of the block that shows the command and what it printed.
OUTPUT = "Output"
#: The sentence under each example; ``platforms`` is :func:`~socksite.metadata.checked_on`.
CHECKED = "Checked on %(platforms)s: on each of them, this program printed exactly the output above."


def snippet_paths(snippets_dir: Path, name: str) -> tuple[Path, Path]:
    """The code file and the recorded-output file of the snippet *name*."""
    return snippets_dir / f"{name}.py", snippets_dir / f"{name}.out"


def console_text(name: str, output: str) -> str:
    """What a reader's terminal shows when they run the snippet *name*."""
    return f"$ python3 {name}.py\n{output}".rstrip("\n")


logger = logging.getLogger(__name__)


class snippet_code(nodes.literal_block, addnodes.translatable):  # noqa: N801 (docutils names nodes so)
    """An example's code, whose comments and docstrings the page's catalogue translates.

    Sphinx's own i18n hooks do the work: the gettext builder extracts
    :meth:`extract_original_messages` into the page's catalogue, and a
    translated build calls :meth:`apply_translated_message` for each
    translated one.  The code itself never changes (:mod:`socksite.comments`).
    """

    def preserve_original_messages(self) -> None:
        self["original_code"] = self.astext()

    def extract_original_messages(self) -> list[str]:
        return [message.text for message in comments.messages(self.get("original_code", self.astext()))]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        translations = {**self.get("comment_translations", {}), original_message: translated_message}
        self["comment_translations"] = translations
        try:
            code = comments.translate(self["original_code"], translations)
        except comments.TranslationError as error:
            logger.warning("translation of an example's comment: %s", error, location=f"{self['path']}:{error.line}")
            return
        self.rawsource = code
        self.replace(self[0], nodes.Text(code))


class SnippetDirective(SphinxDirective):
    """Show ``snippets/<name>.py``, the command that runs it and its recorded output."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        # The example runs only there (it exits with status 77 elsewhere): the
        # site's checks cannot run it, so there is no recorded output to show.
        "platform": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if not SNIPPET_NAME.fullmatch(name):
            raise self.error(f"snippet name {name!r} must be a Python module name (a-z, 0-9, _)")
        snippets_dir = (Path(self.env.app.confdir) / self.config.snippets_dir).resolve()
        code_path, out_path = snippet_paths(snippets_dir, name)
        platform_only = "platform" in self.options
        for path in (code_path, out_path):
            if path == out_path and platform_only and not path.exists():
                continue
            if not path.is_file():
                hint = "record it with `nox -s record -- {name}`" if path == out_path else "create it"
                raise self.error(f"snippet {name!r}: {path} does not exist ({hint.format(name=name)})")
            self.env.note_dependency(str(path))
        self.env.metadata[self.env.docname]["snippet"] = name

        source = code_path.read_text(encoding="utf-8")
        code = snippet_code(source, source, path=str(code_path))
        code["language"] = "python"
        code["classes"].append("snippet-code")
        caption = nodes.caption(code_path.name, code_path.name)
        code_box = nodes.container("", caption, code, classes=["literal-block-wrapper", "snippet"])
        code_box["literal_block"] = True

        output = out_path.read_text(encoding="utf-8") if out_path.is_file() else ""
        terminal = console_text(name, output)
        run = nodes.literal_block(terminal, terminal)
        run["language"] = "console"
        run["classes"].append("snippet-run")
        label = nodes.caption(OUTPUT, OUTPUT, classes=["snippet-output-label"])
        label[WORDS] = OUTPUT
        run_box = nodes.container("", label, run, classes=["literal-block-wrapper", "snippet-output"])
        run_box["literal_block"] = True
        shown: list[nodes.Element] = [code_box, run_box]
        if not platform_only:
            # Read from pyproject.toml, the same list the tests run the snippets with.
            self.env.note_dependency(str(PYPROJECT))
            fields = {"platforms": checked_on()}
            checked = nodes.paragraph("", CHECKED % fields, classes=["snippet-checked"])
            checked[WORDS], checked[FIELDS] = CHECKED, fields
            shown.append(checked)
        for node in (*shown, caption, code, label, run):
            self.set_source_info(node)
            # Code, output and the site's words belong to no page: keep them out of gettext.
            # (The code's comments and docstrings do go there: see snippet_code.)
            node["translatable"] = False
        return [*shown]
