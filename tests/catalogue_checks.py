"""Checks of the gettext catalogues: each returns problems as "file:line: what is wrong".

Used by tests/test_translations.py on the real catalogues and on the broken
fixtures in tests/fixtures/catalogues/, so every check is seen to fail.
"""

from __future__ import annotations

import re
import socket
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from socksite.terms import load_terms

ROOT = Path(__file__).resolve().parent.parent

ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
CODE = re.compile(r"(?<![}`])`([^`]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]*)\)")
EMPHASIS = re.compile(r"(?<!\*)(\*\*?)(?=[^\s*])(.+?)(?<=[^\s*])\1(?!\*)")
SUBSTITUTION = re.compile(r"\{\{\s*([^}]+?)\s*\}\}")

#: Words the Chinese pages keep in English, besides terms that stay English (backlog,
#: errno) and names that look like API (SO_REUSEADDR, TimeoutError): anything else,
#: an API name included, belongs in backquotes.
KEPT_IN_ENGLISH = {
    "Python", "CPython", "Windows", "Linux", "macOS", "Unix", "BSD",
    "TCP", "UDP", "IP", "IPv4", "IPv6", "DNS", "HTTP", "SMTP", "RFC", "PEP", "MB", "KB",
    "AES-CBC", "AES", "CBC", "AEAD", "CAN", "RDS", "root",
    # the tools a contributor uses
    "Sphinx", "Markdown", "reStructuredText", "gettext", "nox", "autodoc", "axe-core",
}  # fmt: skip
#: A method or attribute name of socket objects may stand bare where the English has it
#: too: the fact sheet's 等待 accept 的连接队列, the manual page recv(2), index entries.
SOCKET_NAMES = {name for name in dir(socket.socket) if not name.startswith("_")}


def where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def load(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, abort_invalid=True)


def translated(catalogue: Catalog) -> list[Message]:
    return [message for message in catalogue if message.id and message.string]


def role_target(role: str, text: str) -> tuple[str, str]:
    """A role and what it points to: the part in <...>, else its text (without ~ or !)."""
    match = re.search(r"<([^>]*)>\s*$", text)
    target = match.group(1) if match else text
    return role, target.lstrip("~!").strip()


def markup(text: str) -> dict[str, Counter[object]]:
    """The markup of one MyST paragraph that a translation must keep."""
    roles = [role_target(role, body) for role, body in ROLE.findall(text)]
    plain = ROLE.sub("", text)
    return {
        "roles": Counter(roles),
        "code": Counter(CODE.findall(plain)),
        "links": Counter(LINK.findall(plain)),
        "emphasis": Counter(marker for marker, _ in EMPHASIS.findall(CODE.sub("", plain))),
        "substitutions": Counter(SUBSTITUTION.findall(plain)),
    }


def markup_problems(path: Path) -> list[str]:
    """Translations that lose or invent inline code, roles, links, emphasis or substitutions.

    A translation may repeat an item of the English (natural Chinese often
    names the thing again), but every item must be there and nothing new.
    """
    problems = []
    for message in translated(load(path)):
        source, target = markup(message.id), markup(message.string)
        for kind in source:
            lost = sorted(map(str, set(source[kind]) - set(target[kind])))
            added = sorted(map(str, set(target[kind]) - set(source[kind])))
            if lost or added:
                problems.append(f"{where(path)}:{message.lineno}: {kind} differ: missing {lost}, extra {added}")
    return problems


def pitfall_problems(path: Path) -> list[str]:
    """MyST traps: code that went through gettext, a msgstr that would become front matter."""
    problems = []
    for message in load(path):
        if not message.id:
            continue
        if message.id.lstrip().startswith(("```", ":::")) or "\n```" in message.id:
            problems.append(f"{where(path)}:{message.lineno}: a code block went through gettext: {message.id[:40]!r}")
        if message.string and message.string.lstrip().startswith("---"):
            problems.append(f"{where(path)}:{message.lineno}: msgstr starts with '---', which MyST reads as front matter")
    return problems


#: The fact sheet's explanation of backlog, which keeps the method's name.
FACT_SHEET_PHRASES = ["等待 accept 的连接队列"]


def prose(text: str) -> str:
    """The words of a msgstr that readers read as prose: no code, role targets, link targets or emphasis."""
    for phrase in FACT_SHEET_PHRASES:
        text = text.replace(phrase, "")
    text = ROLE.sub(lambda m: re.sub(r"<[^>]*>\s*$", "", m.group(2)) if m.group(1) == "term" else "", text)
    text = CODE.sub("", text)
    text = LINK.sub("", text)
    return EMPHASIS.sub("", text)  # emphasised words here are parameter names


def term_problems(path: Path, language: str = "zh_CN") -> list[str]:
    """Variants of the site's terms, and English words left in Chinese prose."""
    terms = load_terms()
    avoid = {word: term.name(language) for term in terms for word in term.avoid.get(language, [])}
    kept = KEPT_IN_ENGLISH | {term.name(language) for term in terms}
    problems = []
    for message in translated(load(path)):
        if message.string == message.id:
            continue  # an API name or a term that stays the same (index entries such as "SO_REUSEADDR")
        text = prose(message.string)
        for word, preferred in avoid.items():
            if word in text:
                problems.append(f"{where(path)}:{message.lineno}: {word!r}: this site says {preferred!r}")
        for word in re.findall(r"[A-Za-z][A-Za-z0-9_.-]*", text):
            api_like = "_" in word or word.isupper() or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", word)
            named_in_english = word in SOCKET_NAMES and re.search(rf"\b{re.escape(word)}\b", message.id)
            if word not in kept and not api_like and not named_in_english:
                problems.append(
                    f"{where(path)}:{message.lineno}: English word {word!r} in Chinese prose "
                    "(translate it, or put code in backquotes)"
                )
    return problems


def first_line(page: Path, text: str) -> int:
    """The line of *page* where the paragraph *text* starts (1 if it cannot be found)."""
    words = " ".join(text.split()[:4])
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if words and words in " ".join(line.split()):
            return number
    return 1


def sync_problems(pot: Path, po: Path, page: Path) -> list[str]:
    """Entries the English page has and the catalogue lacks, and the reverse."""
    wanted = {message.id for message in load(pot) if message.id}
    catalogue = load(po)
    have = {message.id: message for message in catalogue if message.id}
    problems = [
        f"{where(page)}:{first_line(page, text)}: new English text has no entry in {where(po)} "
        f"(run `nox -s translate`): {text[:60]!r}"
        for text in sorted(wanted - set(have))
    ]
    problems += [
        f"{where(po)}:{have[text].lineno}: entry no longer matches any text of {where(page)} "
        f"(the English changed; run `nox -s translate`): {text[:60]!r}"
        for text in sorted(set(have) - wanted)
    ]
    problems += [
        f"{where(po)}:{message.lineno}: obsolete entry left behind: {message.id[:60]!r}"
        for message in catalogue.obsolete.values()
    ]
    return problems
