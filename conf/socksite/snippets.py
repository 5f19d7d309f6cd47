"""The ``snippet`` directive: a runnable example, its command and its output.

A page writes::

    ```{snippet} bind
    ```

and gets three things, all read from ``snippets/`` at build time so nothing
is pasted into a page or a catalogue: the code of ``bind.py``, and a console
block with the command that runs it followed by the output recorded in
``bind.out`` (the file the tests compare the real output with).
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from socksite.metadata import PYPROJECT, checked_on

SNIPPET_NAME = re.compile(r"[a-z][a-z0-9_]*")


def snippet_paths(snippets_dir: Path, name: str) -> tuple[Path, Path]:
    """The code file and the recorded-output file of the snippet *name*."""
    return snippets_dir / f"{name}.py", snippets_dir / f"{name}.out"


def console_text(name: str, output: str) -> str:
    """What a reader's terminal shows when they run the snippet *name*."""
    return f"$ python3 {name}.py\n{output}".rstrip("\n")


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

        code = nodes.literal_block(
            code_path.read_text(encoding="utf-8"), code_path.read_text(encoding="utf-8")
        )
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
        shown: list[nodes.Element] = [code_box, run]
        if not platform_only:
            # Read from pyproject.toml, the same list the tests run the snippets with.
            self.env.note_dependency(str(PYPROJECT))
            checked = f"✓ {checked_on()}"
            shown.append(nodes.paragraph(checked, checked, classes=["snippet-checked"]))
        for node in (*shown, caption, code):
            self.set_source_info(node)
            # Code, output and version list belong to no language: keep them out of gettext.
            node["translatable"] = False
        return [*shown]
