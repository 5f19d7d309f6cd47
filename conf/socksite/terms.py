"""The site's terminology: one English term, one Chinese term, a definition in each.

``locale/terms.csv`` is the one source.  The glossary page, the Chinese
search dictionary and the terminology checks are all derived from it.
Standard library only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

TERMS_CSV = Path(__file__).resolve().parents[2] / "locale" / "terms.csv"


@dataclass(frozen=True)
class Term:
    """One concept, named and defined in every language of the site."""

    names: dict[str, str]
    """Language code -> the term in that language."""
    definitions: dict[str, str]
    """Language code -> the definition in that language."""
    avoid: dict[str, list[str]]
    """Language code -> other words for the same idea that pages must not use."""
    sources: dict[str, str]
    """Language code -> where the choice of that language's term comes from (a convention it follows)."""

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    def definition(self, language: str) -> str:
        return self.definitions.get(language) or self.definitions["en"]


def load_terms(path: Path = TERMS_CSV) -> list[Term]:
    """Read the terms file.

    Columns: ``<lang>`` (the term), ``definition_<lang>``, and the optional
    ``avoid_<lang>`` (variants to flag, separated by ``;``) and
    ``source_<lang>`` (the convention the term follows, for reviewers).
    """
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    terms = []
    for line, row in enumerate(rows, start=2):
        names, definitions, avoid, sources = {}, {}, {}, {}
        for key, value in row.items():
            value = (value or "").strip()
            if key.startswith("source_"):
                sources[key.removeprefix("source_")] = value
                continue
            if key.startswith("avoid_"):
                avoid[key.removeprefix("avoid_")] = [word.strip() for word in value.split(";") if word.strip()]
            elif key.startswith("definition_"):
                definitions[key.removeprefix("definition_")] = value
            else:
                names[key] = value
            if not value and not key.startswith("avoid_"):
                raise ValueError(f"{path}:{line}: the column {key!r} is empty")
        terms.append(Term(names, definitions, avoid, sources))
    return terms
