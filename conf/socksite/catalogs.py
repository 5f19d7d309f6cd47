"""Keep the gettext catalogues tidy after ``sphinx-intl update``.

``python -m socksite.catalogs locale/zh_CN/LC_MESSAGES/*.po`` rewrites each
catalogue's header so that running ``nox -s translate`` twice changes
nothing: no creation date that moves on every run, no template placeholders
that ``msgfmt --check`` complains about, no "fuzzy" flag on the header.
Messages are left exactly as they are.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

#: Same line width as sphinx-intl, so the two tools never rewrap each other's lines.
LINE_WIDTH = 76
TRANSLATORS = "socket-methods translators"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def tidy_header(catalogue: Catalog, page: str, *, now: datetime | None = None) -> None:
    """Give *catalogue* a stable header that describes *page*."""
    catalogue.fuzzy = False
    catalogue.project = "Python socket methods"
    catalogue.version = ""
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = TRANSLATORS
    catalogue.language_team = f"{catalogue.locale_identifier} <{TRANSLATORS}>"
    # The template's date changes on every extraction: both dates become the
    # revision date, which is kept once set.
    if not isinstance(catalogue.revision_date, datetime) or catalogue.revision_date.year < 2000:
        catalogue.revision_date = (now or datetime.now(timezone.utc)).replace(second=0, microsecond=0)
    catalogue.creation_date = catalogue.revision_date
    if (DOCS / f"{page}.md").is_file():
        catalogue.header_comment = f"# docs/{page}.md in {catalogue.locale_identifier}.\n#"


def problem(path: Path) -> str | None:
    """Why the catalogue at *path* cannot be read (``file:line: what``), or None."""
    try:
        with path.open("rb") as stream:
            read_po(stream, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0 and repeats the number in its message.
        message = re.sub(r" on \d+$", "", str(error))
        return f"{path}:{error.lineno + 1}: {message}"
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return f"{path}: {error}"
    return None


def tidy(path: Path) -> bool:
    """Rewrite the header of the catalogue at *path*; return whether the file changed."""
    before = path.read_bytes()
    with path.open("rb") as stream:
        catalogue = read_po(stream, abort_invalid=True)
    tidy_header(catalogue, path.stem)
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=LINE_WIDTH, ignore_obsolete=True, include_lineno=False)
    if buffer.getvalue() == before:
        return False
    # Write a whole new file, then swap it in: an error never leaves half a catalogue.
    partial = path.with_suffix(".po.partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(path)
    return True


def main(argv: list[str]) -> int:
    for name in argv:
        if tidy(Path(name)):
            print(f"tidied {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
