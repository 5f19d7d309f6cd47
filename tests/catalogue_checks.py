"""Checks of the gettext catalogues: each returns problems as "file:line: what is wrong".

Used by tests/test_translations.py on the real catalogues and on the broken
fixtures in tests/fixtures/catalogues/, so every check is seen to fail.
"""

from __future__ import annotations

import csv
import io
import re
import socket
import tokenize
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from socksite import comments
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
    "Python", "CPython", "Windows", "Linux", "macOS", "Unix", "BSD", "Debian",
    "TCP", "UDP", "IP", "IPv4", "IPv6", "DNS", "HTTP", "SMTP", "RFC", "PEP", "MB", "KB",
    "AES-CBC", "AES", "CBC", "AEAD", "CAN", "RDS", "root",
    # the tools a contributor uses
    "Sphinx", "Markdown", "reStructuredText", "gettext", "nox", "autodoc", "axe-core",
    "Pagefind", "jieba", "Chromium", "hreflang",
    # names of products, companies and processors
    "x86-64", "ARM", "IBM", "Microsoft", "Wi-Fi",
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
FACT_SHEET_PHRASES = ["等待 accept 的连接队列", "等待 accept 的連線佇列"]


def prose(text: str) -> str:
    """The words of a msgstr that readers read as prose: no code, role targets, link targets or emphasis."""
    for phrase in FACT_SHEET_PHRASES:
        text = text.replace(phrase, "")
    text = ROLE.sub(lambda m: re.sub(r"<[^>]*>\s*$", "", m.group(2)) if m.group(1) == "term" else "", text)
    text = CODE.sub("", text)
    text = LINK.sub("", text)
    return EMPHASIS.sub("", text)  # emphasised words here are parameter names


#: C's type names, which an example's comment may name in either language ("two C ints").
C_TYPES = {"int", "short", "unsigned", "long", "char", "struct"}


#: English in full-width brackets or corner quotes, as Taiwan's technical writing glosses a term.
ENGLISH_GLOSS = re.compile(r"（[A-Za-z][\x20-\x7e]*）|「[A-Za-z][\x20-\x7e]*」")


def example_comments(path: Path) -> tuple[set[str], set[str]]:
    """The entries of *path* that are comments or docstrings of its page's examples, and the
    names those examples' code uses (a comment names ``conn`` or ``recv`` without backquotes)."""
    page = ROOT / "docs" / f"{path.stem}.md"
    if not page.is_file():
        return set(), set()
    entries: set[str] = set()
    names: set[str] = set()
    for name in re.findall(r"\{snippet\} ([a-z0-9_]+)", page.read_text(encoding="utf-8")):
        code = (ROOT / "snippets" / f"{name}.py").read_text(encoding="utf-8")
        entries.update(message.text for message in comments.messages(code))
        names.update(
            token.string
            for token in tokenize.generate_tokens(io.StringIO(code).readline)
            if token.type == tokenize.NAME
        )
    return entries, names


AVOID_CSV = ROOT / "locale" / "avoid.csv"


def avoided_words(language: str, path: Path = AVOID_CSV) -> dict[str, str]:
    """The words an edition never uses (``locale/avoid.csv``), each with the word it uses instead."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["word"]: row["preferred"] for row in csv.DictReader(stream) if row["language"] == language}


def language_of(path: Path) -> str:
    """The language of a catalogue: locale/<language>/LC_MESSAGES/<page>.po (a test fixture's is zh_CN)."""
    return path.parent.parent.name if path.parent.name == "LC_MESSAGES" else "zh_CN"


def term_problems(path: Path, language: str | None = None) -> list[str]:
    """Variants of the site's terms, and English words left in Chinese prose.

    A comment of an example may name the example's variables, functions and
    modules bare, as comments do; its other English words count as prose.
    """
    language = language or language_of(path)
    terms = load_terms()
    avoid = {word: term.name(language) for term in terms for word in term.avoid.get(language, [])}
    avoid |= avoided_words(language)
    kept = KEPT_IN_ENGLISH | {term.name(language) for term in terms}
    in_examples, code_names = example_comments(path)
    problems = []
    for message in translated(load(path)):
        if message.string == message.id:
            continue  # an API name or a term that stays the same (index entries such as "SO_REUSEADDR")
        # The English a translation adds as a gloss, （handle）, or quotes as it is printed,
        # 「Name or service not known」, is English on purpose.
        text = ENGLISH_GLOSS.sub("", prose(message.string))
        if message.id in in_examples:
            # Code in a comment has no backquotes: literals (b"", "w+b"), paths (/etc/hosts), and
            # names of the code or that the English comment itself names stand bare.
            named = code_names | C_TYPES | set(re.findall(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", message.id))
            text = re.sub(r'[A-Za-z]*"[^"]*"|\S*/\S+', "", text)
            text = re.sub(r"[A-Za-z_][\w.]*", lambda m: "" if m.group(0) in named else m.group(0), text)
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


# -- Checks of meaning: what a translation may not change although its markup is intact. --

DOUBLE_CODE = re.compile(r"``.+?``", re.DOTALL)
LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
HAN = re.compile(r"[\u3400-\u9fff]")


def plain(text: str) -> str:
    """*text* without code spans, roles, link targets or substitutions: the words a reader reads."""
    text = DOUBLE_CODE.sub(" ", text)
    text = ROLE.sub(" ", text)
    text = CODE.sub(" ", text)
    text = LINK_TEXT.sub(r"\1", text)
    return SUBSTITUTION.sub(" ", text)


#: A run of ASCII letters, digits and joiners: "12", "3.10", "127.0.0.1", "65,507", "IPv4", "x86-64", "5-tuple".
TOKEN = re.compile(r"[A-Za-z0-9_]+(?:[-.,:][A-Za-z0-9_]+)*")
THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")


def numbers(text: str) -> Counter[str]:
    """The numbers a reader must get right: digits standing on their own, and code spans with a digit.

    "3.10" and "127.0.0.1" are one number each, and "65,507" is "65507". A digit inside a
    word is part of that word, not a number: "IPv4", "x86-64", "5-tuple" (Chinese writes
    五元组). A code span with a digit counts as a whole: `count=0`, `127.0.0.1`. Role
    targets are left to the markup check.
    """
    found: Counter[str] = Counter(span for span in CODE.findall(ROLE.sub(" ", text)) if re.search(r"\d", span))
    for token in TOKEN.findall(THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), plain(text))):
        if re.search(r"[A-Za-z_]", token):
            continue  # a word
        found.update(part for part in re.split(r"[-:,]", token) if part)  # a range such as 1024-65535 is two
    return found


def number_problems(path: Path) -> list[str]:
    """Translations that drop or change a number, a version or a code span with a digit.

    Every number of the English must be in the Chinese, at least as often (the
    Chinese may name a thing twice, as the markup check allows); every number of the
    Chinese must occur somewhere in the English, even inside a word or a role
    ("x86-64" may become "64 位"). Chinese may write a count in words (两个, 一次)
    where the English writes it in words too: only digits are compared.
    """
    problems = []
    for message in translated(load(path)):
        source, target = numbers(message.id), numbers(message.string)
        english = THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), message.id)
        missing = sorted((source - target).elements())
        extra = sorted(
            number
            for number in set(target) - set(source)
            if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", english)
        )
        if missing or extra:
            problems.append(f"{where(path)}:{message.lineno}: numbers differ: missing {missing}, extra {extra}")
    return problems


def backtick_problems(path: Path) -> list[str]:
    """A lone backtick: MyST then shows the rest of the paragraph as code, or a backtick as text."""
    return [
        f"{where(path)}:{message.lineno}: odd number of backticks (a code span is not closed)"
        for message in translated(load(path))
        if DOUBLE_CODE.sub("", message.string).count("`") % 2
    ]


NEGATION_EN = re.compile(
    r"\b(?:not|no|never|cannot|nothing|neither|nor|none|nobody|nowhere|without)\b|n't\b", re.IGNORECASE
)
#: What carries a negation in Chinese: 不 没/沒 无/無 非 未 别/別 勿 否 免 缺 毋 莫, and the usual
#: renderings of "without": 省去/省略/省掉 ("leave out") and 少了 ("lacking").
NEGATION_ZH = re.compile("[不没沒无無非未别別勿否免缺毋莫]|省[去略掉]|少了")
#: Words that contain such a character but negate nothing, removed before the search so
#: that they cannot stand in for a negation the translation lost.
NOT_NEGATIONS_ZH = [
    "非阻塞", "别名", "别的", "别人", "别处", "分别", "区别", "识别", "类别", "特别",
    "是否", "能否", "未来", "缺省", "非常",
    # the same in Traditional characters
    "別名", "別的", "別人", "別處", "分別", "區別", "識別", "類別", "特別", "未來",
]  # fmt: skip
#: Entries whose Chinese says the same thing without a negation word, with the reason:
#: (catalogue, start of the msgid) -> why the positive wording keeps the meaning.
POSITIVE_RENDERINGS = {
    ("send", "Sending the rest is then your program's job"): "“直到全部发完” is “until nothing is left”",
    ("setsockopt", "An `int` *value* that does not fit in a C"): "“超出…范围” is “does not fit in”",
    ("guide-many-clients", "The simplest design gives each connection"): "專門 is “does nothing but”",
}


def negation_problems(path: Path) -> list[str]:
    """Translations of a negated English sentence that carry no negation: the meaning flipped.

    Judged per entry, on the words a reader reads (code spans and roles aside). Two
    English phrases negate nothing: "yes/no" (a kind of option) and "for nothing" (in vain).
    """
    problems = []
    in_examples, _ = example_comments(path)
    for message in translated(load(path)):
        if any(path.stem == page and message.id.startswith(start) for page, start in POSITIVE_RENDERINGS):
            continue
        english = plain(message.id).replace("yes/no", "").replace("for nothing", "")
        if message.id in in_examples:
            english = re.sub(r"\bNone\b", "", english)  # in an example's comment, Python's value
        chinese = plain(message.string)
        for word in NOT_NEGATIONS_ZH:
            chinese = chinese.replace(word, "")
        found = NEGATION_EN.search(english)
        if found and not NEGATION_ZH.search(chinese):
            problems.append(
                f"{where(path)}:{message.lineno}: the English says {found.group(0)!r}, the Chinese has no negation "
                "(不, 没, 无, 非, 未…)"
            )
    return problems


#: Other words a {term} role may show for a target, besides the glossary's word. None so far:
#: the word is shown as the glossary writes it, with no measure word (个) or plural (们) attached.
TERM_VARIANTS: dict[str, set[str]] = {}


def term_role_problems(path: Path, language: str | None = None) -> list[str]:
    """{term} roles that show another word than the glossary's for their target.

    {term}`对端 <peer>` is right; {term}`远端 <peer>` teaches a variant, and a bare
    {term}`peer` shows the English word in Chinese prose (fine only for the terms the
    site keeps in English: backlog, errno).
    """
    language = language or language_of(path)
    words = {term.name("en").lower(): term.name(language) for term in load_terms()}
    problems = []
    for message in translated(load(path)):
        for role, body in ROLE.findall(message.string):
            if role != "term":
                continue
            titled = re.fullmatch(r"(.*?)\s*<([^>]*)>\s*", body, re.DOTALL)
            shown, target = (titled.group(1), titled.group(2)) if titled else (body, body)
            target = " ".join(target.split()).lower()
            if target not in words:
                problems.append(f"{where(path)}:{message.lineno}: {{term}} {target!r} is not in locale/terms.csv")
            elif shown != words[target] and shown not in TERM_VARIANTS.get(target, set()):
                problems.append(
                    f"{where(path)}:{message.lineno}: {{term}}`{body}` shows {shown!r}"
                    f"{' (English)' if not titled else ''}; the glossary's word is {words[target]!r}: "
                    f"{{term}}`{words[target]} <{target}>`"
                )
    return problems


def same_text(text: str) -> str:
    """*text* as far as "the same English" goes: case, spacing and plural -s aside."""
    words = " ".join(text.lower().split())
    words = re.sub(r"(?<=\w)ies\b", "y", words)
    words = re.sub(r"(?<=\w)(ss|x|ch|sh)es\b", r"\1", words)
    return re.sub(r"(?<=[^s\W])s\b", "", words)


def duplicate_problems(paths: list[Path]) -> list[str]:
    """A msgstr that is another entry's, in this catalogue or another, while the English differs.

    That is most often a paste from the wrong entry. Entries with no Chinese word (only
    code or markup, such as "*address*") may repeat, and so may translations of the
    same English ("Returns `None`.", a heading and an index entry "address family"),
    and index entries that the English page already writes in Chinese ("心跳", and 廣播 for
    广播 in Traditional characters).
    """
    seen: dict[str, list[tuple[Path, Message]]] = {}
    for path in paths:
        for message in translated(load(path)):
            # An index entry the English page writes in Chinese (广播) is that word in every edition.
            in_chinese = re.fullmatch(r"[\u3400-\u9fff]+", message.id.strip())
            if HAN.search(plain(message.string)) and message.string != message.id and not in_chinese:
                seen.setdefault(message.string, []).append((path, message))
    problems = []
    for entries in seen.values():
        if len({same_text(message.id) for _, message in entries}) > 1:
            first_path, first = entries[0]
            for path, message in entries[1:]:
                if same_text(message.id) != same_text(first.id):
                    problems.append(
                        f"{where(path)}:{message.lineno}: same translation as {where(first_path)}:{first.lineno}, "
                        f"but the English differs: {message.id[:40]!r} / {first.id[:40]!r}"
                    )
    return problems


def role_pairs(text: str) -> Counter[tuple[str, str, str]]:
    """(role, title, target) of the roles written with an explicit title: {py:meth}`recv() <socket.socket.recv>`."""
    pairs: Counter[tuple[str, str, str]] = Counter()
    for role, body in ROLE.findall(text):
        titled = re.fullmatch(r"(.*?)\s*<([^>]*)>\s*", body, re.DOTALL)
        if titled and role != "term":
            pairs[(role, " ".join(titled.group(1).split()), titled.group(2).lstrip("~!"))] += 1
    return pairs


def swapped_role_problems(path: Path) -> list[str]:
    """Roles whose title the translation keeps, but attached to another target.

    {py:meth}`recv() <socket.socket.send>` names the wrong method although the set of
    targets is intact. Only titles the Chinese keeps as they are can be compared; a
    role shortened with ~ shows its target itself, and a translated title has no
    English to compare with (the {term} roles are checked against the glossary).
    """
    problems = []
    for message in translated(load(path)):
        english = role_pairs(message.id)
        titles: dict[tuple[str, str], set[str]] = {(role, title): set() for role, title, _ in english}
        for role, title, target in english:
            titles[(role, title)].add(target)
        for role, title, target in role_pairs(message.string):
            if (role, title) in titles and target not in titles[(role, title)]:
                problems.append(
                    f"{where(path)}:{message.lineno}: {{{role}}}`{title} <{target}>`: in the English, "
                    f"{title!r} points to {sorted(titles[(role, title)])}"
                )
    return problems


# -- Chinese that reads as translated: constructions a technical editor would rewrite. --

#: Constructions the zh_CN catalogues avoid, each with the reason the translator is shown.
#: A pattern sees the msgstr as `readable_zh()` gives it: inline code kept in backquotes
#: (so that 以 `X` 失败 can be told apart) but without the Chinese of quoted program output
#: in it, roles reduced to their text, and text in “” left out, because a quotation may
#: show the very wording it comments on (guide-errors quotes the Windows messages, one of
#: them once written with 您). Keep to patterns that match nothing in the
#: corrected catalogues: tests/fixtures/catalogues/discouraged.po shows one hit of each,
#: and next to it the legitimate look-alikes that must pass.
DISCOURAGED_ZH: list[tuple[re.Pattern[str], str]] = [
    # "fails with X", "refuses it with X"; 因 X 而失败 is idiomatic and stays allowed.
    (
        re.compile(r"以\s*`[^`]+`\s*(?:错误\s*)?失败|[以用]\s*`[^`]+`\s*(?:错误\s*)?拒绝"),
        "以 `X` 失败/拒绝 copies “fails with X”: write 失败并抛出 `X`, 报 `X` 错误 or 出错，errno 为 `X`",
    ),
    (re.compile("您"), "the site addresses the reader as 你, not 您"),
    # A clause that starts with 之后 after a clause that already had one ("shutdown() 之后，
    # 之后的每次调用"); parallel clauses such as "A 之后是 0.0，B 之后是 None" stay allowed.
    (
        re.compile(r"之后[^。；！？]*[，：]\s*之后"),
        "a second 之后 in one sentence repeats the first: write 此后, 然后 or 再, or drop it",
    ),
    (re.compile("的的"), "doubled 的"),
    # The glossary's peer (对端) is also the remote end; its avoid list is the peer row's.
    (
        re.compile(r"远端|远程(?:地址|套接字|主机|计算机|一端)"),
        "the other end of a connection is 对端 (glossary: peer)",
    ),
    (
        re.compile(r"`\([^`]*,[^`]*\)`\s*对(?=[，。；、：）]|$)"),
        "a pair such as (host, port) is a 二元组 (glossary: pair): 二元组 `(host, port)`",
    ),
    # A phrase rather than a glossary word: a row "name" would make every 名字 a variant.
    (re.compile("按名字"), "“by name” is 按名称 on this site"),
]


def readable_zh(text: str) -> str:
    """A msgstr as `DISCOURAGED_ZH` sees it: roles as their text, code in backquotes, no quoted Chinese."""

    def role(match: re.Match[str]) -> str:
        body = re.sub(r"\s*<[^>]*>\s*$", "", match.group(2)) if "<" in match.group(2) else match.group(2)
        return body if match.group(1) == "term" else f"`{body}`"

    text = ROLE.sub(role, text)
    text = LINK_TEXT.sub(r"\1", text)
    text = DOUBLE_CODE.sub(lambda match: HAN.sub("", match.group(0)), text)
    text = CODE.sub(lambda match: HAN.sub("", match.group(0)), text)
    return re.sub(r"“[^”]*”", "“”", text)


def discouraged_problems(path: Path) -> list[str]:
    """zh_CN constructions from `DISCOURAGED_ZH`, each reported with its reason."""
    problems = []
    for message in translated(load(path)):
        text = readable_zh(message.string)
        for pattern, reason in DISCOURAGED_ZH:
            if pattern.search(text):
                problems.append(f"{where(path)}:{message.lineno}: {reason}")
    return problems
