"""The site's search: a Pagefind index with one record per section, in the readers' words.

Each section of each page becomes one Pagefind record (``page.html#section``),
so a result names and links the part of a page that answers, and the search
page (``templates/site-search.html``, ``static/search.js``) can rank sections by
how many of the reader's words they contain.  Each record carries, besides
its text, the words readers use for what it explains: the rows of
``locale/vocabulary.csv`` aimed at it and the section's own index entries.
They are searched but never shown.

Chinese is cut into words here, not by Pagefind: jieba, with the site's
terms and the readers' vocabulary as its dictionary, cuts each run of Han
characters, and the search page cuts a query the same way, with the same
words (``_pagefind/words.json``).  Left to themselves, the index and the
query would be cut by two different segmenters (Pagefind's and the
browser's), which disagree on most technical words: the browser cuts 端口
into 端 + 口.  Pagefind would also cut our words again, so each Chinese
word goes into the index spelled in ASCII (:func:`spell`), which it leaves
whole; the search page spells the query's words the same way.  What a
reader sees of a record, its text, is kept readable in its ``text``
metadata.

Sphinx's own search index is not built: nothing reads it.
"""

from __future__ import annotations

import asyncio
import csv
import functools
import gzip
import hashlib
import json
import logging
import re
import shutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.util import logging as sphinx_logging

from socksite.meta import HAN as HAN_RANGES
from socksite.reader import kept_out_of_search
from socksite.terms import TERMS_CSV, load_terms

VOCABULARY_CSV = Path(__file__).resolve().parents[2] / "locale" / "vocabulary.csv"
#: Where each language's index is written, inside its folder (``_``: not a page).
OUTPUT = "_pagefind"
#: The Chinese words the index knows, for the search page to cut queries with.
WORDS = "words.json"
#: A run of Han characters: what jieba cuts.
HAN = re.compile(f"[{HAN_RANGES}]+")
#: A word of a query as the search page reads it: a run of Han characters, or a Latin word,
#: number or identifier, hyphenated ones whole (``QUERY_WORD`` in ``static/search.js``).
_LATIN = f"(?:(?![{HAN_RANGES}])\\w)+"
QUERY_WORD = re.compile(f"[{HAN_RANGES}]+|{_LATIN}(?:-{_LATIN})*")
#: How many times a record's title and its chosen words count, against once for its text.
TITLE_WEIGHT, WORDS_WEIGHT = 2, 3
#: Kept inside words: ``SO_REUSEADDR``, ``connect_ex``.
WORD_CHARACTERS = "_"

logger = sphinx_logging.getLogger(__name__)


@dataclass(frozen=True)
class VocabularyRow:
    """One reader's word (or pasted error text) and the section that answers it."""

    language: str
    word: str
    page: str
    section: str | None
    line: int


def load_vocabulary(path: Path = VOCABULARY_CSV) -> list[VocabularyRow]:
    """Read ``locale/vocabulary.csv`` (columns ``language,word,target,note``; target ``page#section``)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    vocabulary = []
    for line, row in enumerate(rows, start=2):
        if not row["word"].strip() or not row["target"].strip():
            raise ValueError(f"{path}:{line}: a row needs a word and a target")
        page, _, label = row["target"].strip().partition("#")
        # A label as pages write it, (create_server-dualstack)=, names the section create-server-dualstack.
        section = nodes.make_id(label) if label else None
        vocabulary.append(VocabularyRow(row["language"].strip(), row["word"].strip(), page, section, line))
    return vocabulary


@dataclass
class Record:
    """One section as the index stores it."""

    url: str
    title: str
    page: str
    text: str
    """What readers see: the section's own text (its summary is a sentence of it)."""
    answers: list[str] = field(default_factory=list)
    """The readers' words the vocabulary says it answers: searched, never shown, and they put it
    first when a query is one of them (each is also indexed as its :func:`answer_word`)."""
    words: list[str] = field(default_factory=list)
    """Its index entries: searched, and shown only when its text does not hold the reader's words."""
    names: list[str] = field(default_factory=list)
    """The names its code uses, each once: searched, never shown."""

    def searched(self) -> str:
        """What the index matches queries against.

        The title, the readers' words chosen for the section and its index
        entries say what it is about, so they weigh more than a word its text
        merely uses: Pagefind's records have no field weights, so they are
        repeated.
        """
        about = [self.title] * TITLE_WEIGHT + (self.answers + self.words) * WORDS_WEIGHT
        return "\n".join([*about, self.text, *self.names])


def spell(word: str) -> str:
    """A Chinese word as the index stores it: ``z`` and each character's code point in hex.

    >>> spell("端口")
    'z7aef53e3'
    """
    return "z" + "".join(f"{ord(character):x}" for character in word)


def answer_key(words: str) -> str:
    """*words* as the search page writes a query or a run of its words: the words in lower case,
    single-spaced, punctuation dropped, neighbouring Chinese words joined (``static/search.js``).

    >>> answer_key("OSError: [Errno 98] Address already   in USE")
    'oserror errno 98 address already in use'
    >>> answer_key("粘包 问题")
    '粘包问题'
    """
    key = ""
    for token in QUERY_WORD.findall(words.lower()):
        if key and not (HAN.fullmatch(key[-1]) and HAN.fullmatch(token[0])):
            key += " "
        key += token
    return key


def answer_word(key: str) -> str:
    """The one indexed word that stands for *key*: a vocabulary row's :func:`answer_key`, or a page's name.

    A section the vocabulary aims a reader's words at holds the word of their
    key, so the search page finds it with one lookup in one chunk of the
    index (a Pagefind filter would load much of it).  It is ``zq``, the
    32-bit FNV-1a hash of *key* in UTF-8, in hex, and ``zq``.  Pagefind also
    finds the words a query word begins, and few readers type a word that
    begins with ``zq`` (Chinese is spelled ``z`` and hex, which has no ``q``).
    ``static/search.js`` computes the same.

    >>> answer_word(answer_key("  Address already   in USE "))
    'zqe2208ec1zq'
    """
    digest = 0x811C9DC5
    for byte in key.encode("utf-8"):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"zq{digest:08x}zq"


#: Pages whose name is a word of almost every query ("socket"), or that no query names.
UNNAMED = {"socket", "index"}


def page_word(docname: str) -> str | None:
    """The indexed word that marks every section of the page a query word names (``recv``, ``listen``).

    A reader who types a method's name is asking about that method, whatever
    else the query says: ``recv(1024) 是什么意思`` is about ``recv``, even
    though ``1024`` is rarer.  ``static/search.js`` looks up
    ``answer_word("page:" + word)`` for each Latin word of a query.

    >>> page_word("recv") == answer_word("page:recv")
    True
    """
    return None if docname in UNNAMED else answer_word(f"page:{docname}")


#: Languages written in Traditional characters: jieba's dictionary is Simplified.
TRADITIONAL = re.compile(r"zh_(TW|HK|MO)|zh_Hant", re.IGNORECASE)


def _one_for_one(convert: Callable[[str], str], char: str) -> str:
    """*char* in Simplified characters, if that is one character too (else as it is)."""
    converted = convert(char)
    return converted if len(converted) == 1 else char


class Segmenter:
    """Cuts Chinese text into the words the index and the search page share.

    jieba's dictionary is in Simplified characters: Traditional text is cut as
    its character-by-character Simplified form (OpenCC's ``t2s``, one character
    for one), and the cuts are applied to the Traditional text, so 連接埠 is
    found as 连接埠 would be.
    """

    def __init__(self, dictionary: set[str], *, traditional: bool = False) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.simplify: Callable[[str], str] = lambda text: text
        if traditional:
            from opencc import OpenCC

            convert = OpenCC("t2s").convert
            one = functools.cache(lambda char: _one_for_one(convert, char))
            self.simplify = lambda text: "".join(one(char) for char in text)
        for word in sorted(dictionary):
            self.tokenizer.add_word(self.simplify(word), 100_000)
        self.words: set[str] = set(dictionary)

    def cut(self, text: str) -> str:
        """*text* with each Han run replaced by its words, spelled for the index (:func:`spell`)."""

        def words(run: re.Match[str]) -> str:
            cut, start = [], 0
            for word in self.tokenizer.cut(self.simplify(run[0]), HMM=False):
                cut.append(run[0][start : start + len(word)])
                start += len(word)
            cut = [word for word in cut if word.strip()]
            self.words.update(word for word in cut if len(word) > 1)
            return " " + " ".join(spell(word) for word in cut) + " "

        return re.sub(r" {2,}", " ", HAN.sub(words, text)).strip()


@dataclass
class SiteIndex:
    """What one build collects for its Pagefind index."""

    language: str
    vocabulary: dict[tuple[str, str | None], list[str]]
    segmenter: Segmenter | None
    records: dict[str, list[Record]] = field(default_factory=dict)

    def text(self, value: str) -> str:
        return self.segmenter.cut(value) if self.segmenter else value


def searchable(app: Sphinx, docname: str) -> bool:
    """Content pages only: not the 404 page, not pages marked ``nosearch``."""
    return docname != "404" and not kept_out_of_search(app.env.metadata.get(docname, {}))


#: What a section holds besides prose: its title, subsections, index entries and targets.
NOT_PROSE = (nodes.section, nodes.title, addnodes.index, nodes.target)


def own_text(section: nodes.section) -> str:
    """The prose of *section*, without its title, its subsections and its code."""
    parts = []
    for child in section.children:
        if isinstance(child, NOT_PROSE):
            continue
        if isinstance(child, nodes.literal_block):
            continue
        prose = child.deepcopy()  # the page itself keeps its code
        for code in list(prose.findall(nodes.literal_block)):
            code.parent.remove(code)
        text = prose.astext().strip()
        if text:
            parts.append(text)
    return "\n".join(parts)


def code_names(section: nodes.section) -> list[str]:
    """The names the code of *section* uses, each once (a reader may search for ``recvall``)."""
    names: dict[str, None] = {}
    for child in section.children:
        if isinstance(child, NOT_PROSE):
            continue
        for code in child.findall(nodes.literal_block):
            names.update(dict.fromkeys(re.findall(r"[A-Za-z_][A-Za-z0-9_]{2,}", code.astext())))
    return list(names)


def index_words(section: nodes.section) -> list[str]:
    """The index entries made inside *section* (not in its subsections), as words."""
    words: list[str] = []
    for child in section.children:
        if isinstance(child, addnodes.index):
            for entry in child["entries"]:
                words.extend(part.strip() for part in entry[1].split(";") if part.strip())
    return words


def collect_records(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn each section of a written page into a record (``doctree-resolved``)."""
    site: SiteIndex | None = getattr(app, "socksite_index", None)
    if site is None or not searchable(app, docname):
        return
    page_title = ""
    records = []
    for number, section in enumerate(doctree.findall(nodes.section)):
        title = section[0].astext() if section.children and isinstance(section[0], nodes.title) else ""
        anchor = section["ids"][0] if section["ids"] else ""
        if number == 0:
            page_title, url = title, f"{docname}.html"
            answers = site.vocabulary.get((docname, None), []) + site.vocabulary.get((docname, anchor), [])
        else:
            url = f"{docname}.html#{anchor}"
            answers = [word for name in section["ids"] for word in site.vocabulary.get((docname, name), [])]
        records.append(
            Record(
                url=url,
                title=title,
                page=page_title,
                answers=answers,
                words=index_words(section),

                names=code_names(section),
                text=own_text(section),
            )
        )
    site.records[docname] = records


def start_index(app: Sphinx) -> None:
    """Prepare this build's index and switch Sphinx's own off (``builder-inited``)."""
    if app.builder.format != "html" or app.config.socksite_search == "sphinx":
        # "sphinx": Sphinx's own search, built only for the bench to measure against.
        return
    language = app.config.language or "en"
    # Sphinx's search index and search page: the site's own search page replaces them.
    app.builder.search = False  # type: ignore[attr-defined]
    vocabulary: dict[tuple[str, str | None], list[str]] = {}
    for row in load_vocabulary():
        if row.language == language:
            vocabulary.setdefault((row.page, row.section), []).append(row.word)
    segmenter = None
    if language.startswith("zh"):
        dictionary = {name for term in load_terms() for name in term.names.values() if HAN.fullmatch(name)}
        dictionary |= {word for words in vocabulary.values() for word in words if HAN.fullmatch(word)}
        segmenter = Segmenter(dictionary, traditional=bool(TRADITIONAL.fullmatch(language)))
    app.socksite_index = SiteIndex(language, vocabulary, segmenter)  # type: ignore[attr-defined]


def check_vocabulary(app: Sphinx, env: Any) -> None:
    """Every vocabulary row of this language must aim at a page and section that exist (``env-check-consistency``)."""
    language = app.config.language or "en"
    problems = []
    sections: dict[str, set[str]] = {}
    for row in load_vocabulary():
        if row.language != language:
            continue
        if row.page not in env.found_docs:
            problems.append(f"{VOCABULARY_CSV}:{row.line}: no page {row.page!r}")
            continue
        if row.page not in sections:
            doctree = env.get_doctree(row.page)
            sections[row.page] = {name for section in doctree.findall(nodes.section) for name in section["ids"]}
        if row.section is not None and row.section not in sections[row.page]:
            problems.append(f"{VOCABULARY_CSV}:{row.line}: no section {row.section!r} on page {row.page!r}")
    for problem in problems:
        logger.warning("the readers' vocabulary aims at a place that does not exist: %s", problem)


def marks(docname: str, record: Record) -> list[str]:
    """The marker words a record holds besides its text: its page's name, and the vocabulary's words it answers."""
    named = page_word(docname)
    return ([named] if named else []) + sorted({answer_word(answer_key(word)) for word in record.answers})


#: How long to wait for Pagefind's writes to reach the disk before calling the index broken.
WRITE_WAIT = 60.0


async def _write_bundle(site: SiteIndex, output: Path) -> None:
    """Write the Pagefind index of *site*'s records into *output*, every file whole.

    Pagefind's service answers "written" while its writes are still on their
    way to the disk, and closing the service stops them: under load a file
    was left empty.  So the service is kept until every file the search
    page needs reads back whole.  (Its ``get_files`` is no way round: a
    Chinese index overflows the 2 MiB its Python client reads at once.)
    """
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    async with PagefindService() as service:
        index = await service.create_index(IndexConfig(include_characters=WORD_CHARACTERS))
        for docname in sorted(site.records):
            for record in site.records[docname]:
                await index.add_custom_record(
                    url=record.url,
                    content="\n".join([site.text(record.searched()), *marks(docname, record)]),
                    # und: no segmentation of Pagefind's own (the words are cut and spelled already).
                    language="und" if site.segmenter else site.language.split("_")[0],
                    meta={"title": record.title, "page": record.page, "text": record.text, "entries": " · ".join(record.words)},
                )
        await index.write_files(output_path=str(output))
        deadline = asyncio.get_running_loop().time() + WRITE_WAIT
        while unfinished := unfinished_files(output):
            if asyncio.get_running_loop().time() > deadline:
                raise RuntimeError(f"Pagefind did not finish writing {output}: {', '.join(unfinished)}")
            await asyncio.sleep(0.05)


def needed_by_the_search_page(path: Path) -> bool:
    """Whether a file of Pagefind's bundle is one the search page uses: not its ready-made interfaces."""
    return not path.name.startswith("pagefind-") or path.name in ("pagefind-entry.json", "pagefind-worker.js")


def unfinished_files(folder: Path) -> list[str]:
    """The files of the bundle in *folder* that the search page needs and that do not yet read back whole.

    Pagefind gzips its index files (a cut-off one fails to decompress); the
    entry file is JSON; a script is whole once it is not empty (one write).
    """
    unfinished = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or not needed_by_the_search_page(path):
            continue
        data = path.read_bytes()
        try:
            if not data:
                raise ValueError("empty")
            if path.suffix == ".json":
                json.loads(data)
            elif path.suffix != ".js":
                gzip.decompress(data)
        except (ValueError, EOFError, OSError, zlib.error):
            unfinished.append(str(path.relative_to(folder)))
    return unfinished


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Write the Pagefind index of the pages, and the words the search page cuts queries into (``build-finished``)."""
    site: SiteIndex | None = getattr(app, "socksite_index", None)
    if exception is not None or site is None:
        return
    missing = sorted(set(app.env.found_docs) - set(site.records))
    if any(searchable(app, name) for name in missing):
        # Pages not written in this build (nothing changed): keep the index as it is.
        return
    output = Path(app.outdir, OUTPUT)
    # Start from an empty folder: no file of an earlier index may linger.
    shutil.rmtree(output, ignore_errors=True)
    asyncio.run(_write_bundle(site, output))
    for unused in output.glob("pagefind-*"):
        if not needed_by_the_search_page(unused):
            unused.unlink()
    if site.segmenter:
        words = json.dumps(sorted(site.segmenter.words), ensure_ascii=False, separators=(",", ":"))
        (output / WORDS).write_text(words, encoding="utf-8")


def tell_the_search_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the search page the address of the word list it cuts queries with, in a language that has one."""
    site: SiteIndex | None = getattr(app, "socksite_index", None)
    if pagename == "search" and site is not None and site.segmenter:
        context["socksite_search_words"] = f"{OUTPUT}/{WORDS}"


def note_what_the_index_reads(app: Sphinx, config: Any) -> None:
    """Make the vocabulary and the terms part of the configuration (``config-inited``).

    The index is written from the pages a build writes; a changed word list
    changes this setting, and a changed "html" setting makes Sphinx write
    every page again, so the index never keeps the old words.
    """
    digest = hashlib.sha256(VOCABULARY_CSV.read_bytes() + TERMS_CSV.read_bytes())
    config.socksite_search_words = digest.hexdigest()


def setup(app: Sphinx) -> None:
    """Register the index's event handlers (called from :func:`socksite.ext.setup`)."""
    app.add_config_value("socksite_search_words", "", "html", str)
    app.add_config_value("socksite_search", "pagefind", "html", ENUM("pagefind", "sphinx"))
    app.connect("config-inited", note_what_the_index_reads)
    app.connect("builder-inited", start_index)
    app.connect("env-check-consistency", check_vocabulary)
    app.connect("doctree-resolved", collect_records)
    app.connect("html-page-context", tell_the_search_page)
    app.connect("build-finished", write_index)
