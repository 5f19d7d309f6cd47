"""The site's search: an index of sections in the readers' words, written by the build.

Each section of each page is one record (``page.html#section``), so a result
names and links the part of a page that answers.  Besides its text, a record
is found by the words readers use for what it explains: the rows of
``locale/vocabulary.csv`` aimed at it and the section's own index entries.
They are searched but never shown.

The index is plain JSON in each language's ``_search/`` folder, cut into
files so that a search fetches only what its words need:

``NN.json`` (:data:`SHARDS` of them)
    The words whose first letters (two of them; one Han character) hash to
    ``NN``.  ``w`` maps each word to the records holding it and how much it
    counts in each; ``t``, to the records whose title holds it; ``a``, each
    reader's wording the vocabulary names (as :func:`answer_key` writes it)
    to the records that answer it; ``p``, a page's name (``recv``) to its
    records.
``r/N.json``
    Record *N* as a result shows it: its address, title, page and text.
``headings.json``
    Every record's address, title and page, which the search page loads on
    arrival, so that it lists the results as soon as it has ranked them.
``words.json`` (Chinese only)
    The Chinese words of two characters or more the index holds, which the
    search page also loads on arrival: it cuts a query with them, then fetches
    only the shards of the query's words.

Chinese is cut into words by jieba, with the site's terms and the readers'
vocabulary as its dictionary.  The search page (``static/search.js``) cuts a
query into the longest words the index holds (``words.json``), so the query and
the index always agree.  English words count as their stem (Snowball's, as
Sphinx uses): a record that says "closing" is found by "close" and "closed".

Sphinx's own search index is not built: nothing reads it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
import math
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.transforms import SphinxTransform
from sphinx.util import logging as sphinx_logging

from socksite.meta import HAN as HAN_RANGES
from socksite.reader import kept_out_of_search
from socksite.terms import TERMS_CSV, load_terms

VOCABULARY_CSV = Path(__file__).resolve().parents[2] / "locale" / "vocabulary.csv"
#: Where each language's index is written, inside its folder (``_``: not a page).
OUTPUT = "_search"
#: Each record's address, title and page, by number: the search page lists its results with these
#: at once, and fills in each summary as its record arrives.
HEADINGS = "headings.json"
#: The Chinese words the index holds, for the search page to cut a query with before it fetches
#: any shard (written for languages whose text is cut into words).
WORDS = "words.json"
#: How many files the words are spread over (``SHARDS`` in ``static/search.js``).
SHARDS = 256
#: The longest Chinese word the search page looks for (``LONGEST_WORD`` in ``static/search.js``).
LONGEST_WORD = 12
#: A run of Han characters: what jieba cuts.
HAN = re.compile(f"[{HAN_RANGES}]+")
#: A word of a query as the search page reads it: a run of Han characters, or a Latin word,
#: number or identifier, hyphenated ones whole (``QUERY_WORD`` in ``static/search.js``).
_LATIN = f"(?:(?![{HAN_RANGES}])\\w)+"
QUERY_WORD = re.compile(f"[{HAN_RANGES}]+|{_LATIN}(?:-{_LATIN})*")
#: How many times a record's title and its chosen words count, against once for its text.
TITLE_WEIGHT, WORDS_WEIGHT = 2, 3
# How the note of a vocabulary row that is a misspelling begins, in each language of the notes.
_MISSPELLING_NOTES = ("typo", "错别字", "拼写错误", "錯字", "拼字錯誤")
#: How much a name the section's code uses counts, against once for a word of its text.
NAME_WEIGHT = 1
#: The least a word counts in a section that holds it, as a share of its rarity; the rest
#: depends on how strongly the section holds it.
FLOOR = 0.5
#: BM25's constants: how fast repeating a word stops counting, and how much a long record is discounted.
K1, B = 1.2, 0.75

logger = sphinx_logging.getLogger(__name__)


@dataclass(frozen=True)
class VocabularyRow:
    """One reader's word (or pasted error text) and the section that answers it."""

    language: str
    word: str
    page: str
    section: str | None
    line: int
    note: str = ""

    @property
    def misspelt(self) -> bool:
        """A misspelling (its note begins "typo", 错别字…): searched, but not listed in the index."""
        return self.note.startswith(_MISSPELLING_NOTES)


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
        note = (row["note"] or "").strip()
        vocabulary.append(VocabularyRow(row["language"].strip(), row["word"].strip(), page, section, line, note))
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
    first when a query is one of them (each is also stored as its :func:`answer_key`)."""
    words: list[str] = field(default_factory=list)
    """Its index entries: searched, and shown only when its text does not hold the reader's words."""
    names: list[str] = field(default_factory=list)
    """The names its code uses, each once: searched, never shown."""

    def fields(self) -> list[tuple[str, int]]:
        """What the index matches queries against, each with how many times it counts.

        The title, the readers' words chosen for the section and its index
        entries say what it is about, so they weigh more than a word its
        text merely uses.
        """
        # The readers' words are index entries too (ReadersWordsInTheIndex): counted once.
        chosen = self.answers + [word for word in self.words if word not in self.answers]
        about = [(self.title, TITLE_WEIGHT)] + [(word, WORDS_WEIGHT) for word in chosen]
        return [*about, (self.text, 1), *((name, NAME_WEIGHT) for name in self.names)]

    def shown(self) -> dict[str, str]:
        """What the search page shows of it (``r/N.json``)."""
        return {"url": self.url, "title": self.title, "page": self.page, "text": self.text, "entries": " · ".join(self.words)}


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


def shard(word: str) -> int:
    """The shard that holds *word*: the 32-bit FNV-1a hash of its first two letters (or its first
    Han character), in UTF-8, modulo :data:`SHARDS` (``shardOf`` in ``static/search.js``).

    All words that begin alike share a shard, so the search page finds the words
    a query word begins in the one file it fetches for the word.

    >>> shard("recv") == shard("recvfrom") == shard("re")
    True
    >>> shard("端口") == shard("端")
    True
    """
    start = word[0] if HAN.fullmatch(word[0]) else word[:2]
    digest = 0x811C9DC5
    for byte in start.encode("utf-8"):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return digest % SHARDS


#: Pages whose name is a word of almost every query ("socket"), or that no query names.
UNNAMED = {"socket", "index"}

#: Languages written in Traditional characters: jieba's dictionary is Simplified.
TRADITIONAL = re.compile(r"zh_(TW|HK|MO)|zh_Hant", re.IGNORECASE)


def _one_for_one(convert: Callable[[str], str], char: str) -> str:
    """*char* in Simplified characters, if that is one character too (else as it is)."""
    converted = convert(char)
    return converted if len(converted) == 1 else char


class Segmenter:
    """Cuts Chinese text into the words the index holds.

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

    def cut(self, run: str) -> list[str]:
        """The words of a run of Han characters."""
        words: list[str] = []
        start = 0
        for word in self.tokenizer.cut(self.simplify(run), HMM=False):
            words.append(run[start : start + len(word)])
            start += len(word)
        return words


class Words:
    """Reads text into the words the index stores: Latin words in lower case, and each
    hyphenated one also in its parts; Chinese cut by a :class:`Segmenter` (whole without one).

    >>> Words(None).read("Non-blocking recv_into() 端口")
    ['non-blocking', 'non', 'blocking', 'recv_into', '端口']
    """

    def __init__(self, segmenter: Segmenter | None) -> None:
        import snowballstemmer

        self.segmenter = segmenter
        self.stem = functools.cache(snowballstemmer.stemmer("english").stemWord)

    def read(self, text: str) -> list[str]:
        words: list[str] = []
        for run in QUERY_WORD.findall(text.lower()):
            if HAN.fullmatch(run):
                words.extend(self.segmenter.cut(run) if self.segmenter else [run])
            else:
                words.append(run)
                if "-" in run:
                    words.extend(run.split("-"))
        return words

    def root(self, word: str) -> str:
        """What *word* counts as: an English word's stem; a name, number or Chinese word as it is."""
        return self.stem(word) if word.isascii() and word.isalpha() else word


@dataclass
class SiteIndex:
    """What one build collects for its index."""

    language: str
    vocabulary: dict[tuple[str, str | None], list[str]]
    words: Words
    records: dict[str, list[Record]] = field(default_factory=dict)


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
    for row in app.socksite_vocabulary:  # type: ignore[attr-defined]
        if row.language == language:
            vocabulary.setdefault((row.page, row.section), []).append(row.word)
    segmenter = None
    if language.startswith("zh"):
        for row in app.socksite_vocabulary:  # type: ignore[attr-defined]
            if row.language == language and HAN.fullmatch(row.word) and len(row.word) > LONGEST_WORD:
                logger.warning(
                    "%s:%d: %r is longer than the %d characters the search page looks for in a word; "
                    "split it with a space",
                    VOCABULARY_CSV, row.line, row.word, LONGEST_WORD,
                )
        dictionary = {name for term in load_terms() for name in term.names.values() if HAN.fullmatch(name)}
        dictionary |= {word for words in vocabulary.values() for word in words if HAN.fullmatch(word)}
        segmenter = Segmenter(dictionary, traditional=bool(TRADITIONAL.fullmatch(language)))
    app.socksite_index = SiteIndex(language, vocabulary, Words(segmenter))  # type: ignore[attr-defined]


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


Postings = dict[int, float]


def score(records: list[Record], words: Words) -> dict[str, Postings]:
    """How much each word the records hold counts in each record that holds it (BM25).

    A word counts by how rare it is among the records, and, within the word, by
    how strongly each record holds it compared with the record that holds it
    most: between half and all of its rarity.  English words are counted as
    their stem, and every spelling a record uses finds them all.
    """
    counts: list[Counter[str]] = []
    spellings: dict[str, set[str]] = defaultdict(set)
    for record in records:
        count: Counter[str] = Counter()
        for text, weight in record.fields():
            for word in words.read(text):
                root = words.root(word)
                spellings[root].add(word)
                count[root] += weight
        counts.append(count)
    average = sum(sum(count.values()) for count in counts) / max(len(counts), 1) or 1
    postings: dict[str, Postings] = defaultdict(dict)
    for number, count in enumerate(counts):
        length = sum(count.values()) / average
        for root, times in count.items():
            postings[root][number] = times * (K1 + 1) / (times + K1 * (1 - B + B * length))
    scored: dict[str, Postings] = {}
    for root, found in postings.items():
        rarity = math.log(1 + len(records) / len(found))
        best = max(found.values())
        weighed = {number: round(rarity * (FLOOR + (1 - FLOOR) * strength / best), 2) for number, strength in found.items()}
        for spelling in spellings[root]:
            scored[spelling] = weighed
    return scored


def shards(site: SiteIndex, records: list[tuple[str, Record]]) -> list[dict[str, dict[str, Any]]]:
    """The :data:`SHARDS` files of words, the readers' wordings and the page names, ``[{"w", "t", "a", "p"}]``."""
    files: list[dict[str, dict[str, Any]]] = [{"w": {}, "t": {}, "a": {}, "p": {}} for _ in range(SHARDS)]
    titled: dict[str, list[int]] = defaultdict(list)
    for number, (_, record) in enumerate(records):
        for root in dict.fromkeys(map(site.words.root, site.words.read(record.title))):
            titled[root].append(number)
    for word, found in sorted(score([record for _, record in records], site.words).items()):
        best_first = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        files[shard(word)]["w"][word] = [value for item in best_first for value in item]
        if site.words.root(word) in titled:
            files[shard(word)]["t"][word] = titled[site.words.root(word)]
    answering: dict[str, set[int]] = defaultdict(set)
    pages: dict[str, list[int]] = defaultdict(list)
    for number, (docname, record) in enumerate(records):
        for wording in record.answers:
            answering[answer_key(wording)].add(number)
        if docname not in UNNAMED:
            pages[docname].append(number)
    for key, answers in sorted(answering.items()):
        files[shard(QUERY_WORD.findall(key)[0])]["a"][key] = sorted(answers)
    for docname, numbers in sorted(pages.items()):
        files[shard(docname)]["p"][docname] = numbers
    return [{kind: entries for kind, entries in file.items() if entries} for file in files]


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_files(site: SiteIndex, output: Path) -> None:
    """Write *site*'s index into *output*, replacing what was there only once it is whole.

    The files are written into a sibling folder first: a build that fails
    half way leaves the earlier index as it was, and no half-written file.
    """
    records = [(docname, record) for docname in sorted(site.records) for record in site.records[docname]]
    fresh = output.with_name(output.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        (fresh / "r").mkdir(parents=True)
        for number, (_, record) in enumerate(records):
            _write_json(fresh / "r" / f"{number}.json", record.shown())
        _write_json(fresh / HEADINGS, [[record.url, record.title, record.page] for _, record in records])
        files = shards(site, records)
        for number, file in enumerate(files):
            _write_json(fresh / f"{number:02x}.json", file)
        if site.words.segmenter:
            chinese = {word for file in files for word in file.get("w", {}) if len(word) > 1 and HAN.fullmatch(word)}
            _write_json(fresh / WORDS, sorted(chinese))
        shutil.rmtree(output, ignore_errors=True)
        fresh.rename(output)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Write the index of the pages (``build-finished``)."""
    site: SiteIndex | None = getattr(app, "socksite_index", None)
    if exception is not None or site is None:
        return
    missing = sorted(set(app.env.found_docs) - set(site.records))
    if any(searchable(app, name) for name in missing):
        # Pages not written in this build (nothing changed): keep the index as it is.
        return
    write_files(site, Path(app.outdir, OUTPUT))


class ReadersWordsInTheIndex(SphinxTransform):
    """Lists the readers' words of the page's language in the index, each at the section it aims at.

    Runs after the page is translated, so the words go in as the vocabulary
    writes them, in the page's language; the catalogues never see them.
    Misspellings stay out: the index is read, and search finds them anyway.
    """

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        if self.app.builder.format != "html":
            return
        language = self.config.language or "en"
        vocabulary: list[VocabularyRow] = getattr(self.app, "socksite_vocabulary", [])
        rows = [row for row in vocabulary if row.language == language and row.page == self.env.docname]
        sections = list(self.document.findall(nodes.section))
        for row in rows:
            if row.misspelt or not sections:
                continue
            found = [section for section in sections if row.section in section["ids"]] if row.section else sections[:1]
            if not found:
                continue  # check_vocabulary names the row
            section = found[0]
            entry = addnodes.index(entries=[("single", row.word, section["ids"][0], "", None)], inline=False)
            section.insert(1 if section.children and isinstance(section[0], nodes.title) else 0, entry)


def read_vocabulary(app: Sphinx) -> None:
    """Read the readers' vocabulary once per build (``builder-inited``)."""
    app.socksite_vocabulary = load_vocabulary()  # type: ignore[attr-defined]


def tell_the_search_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the search page the addresses of the index's files it loads by name (``html-page-context``)."""
    site: SiteIndex | None = getattr(app, "socksite_index", None)
    if pagename == "search" and site is not None:
        context["socksite_search_index"] = f"{OUTPUT}/"
        context["socksite_search_headings"] = f"{OUTPUT}/{HEADINGS}"
        context["socksite_search_words"] = f"{OUTPUT}/{WORDS}" if site.words.segmenter else ""


def note_what_the_index_reads(app: Sphinx, config: Any) -> None:
    """Make the vocabulary and the terms part of the configuration (``config-inited``).

    The index is written from the pages a build writes, and the readers' words
    are index entries made while a page is read; a changed word list changes
    this setting, and a changed "env" setting makes Sphinx read and write
    every page again, so neither keeps the old words.
    """
    digest = hashlib.sha256(VOCABULARY_CSV.read_bytes() + TERMS_CSV.read_bytes())
    config.socksite_search_words = digest.hexdigest()


def setup(app: Sphinx) -> None:
    """Register the index's event handlers (called from :func:`socksite.ext.setup`)."""
    app.add_config_value("socksite_search_words", "", "env", str)
    app.add_config_value("socksite_search", "site", "html", ENUM("site", "sphinx"))
    app.connect("config-inited", note_what_the_index_reads)
    app.add_transform(ReadersWordsInTheIndex)
    app.connect("builder-inited", read_vocabulary)
    app.connect("builder-inited", start_index)
    app.connect("env-check-consistency", check_vocabulary)
    app.connect("doctree-resolved", collect_records)
    app.connect("html-page-context", tell_the_search_page)
    app.connect("build-finished", write_index)
