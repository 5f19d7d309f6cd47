"""The words of an example that a translation may change: its comments and docstrings.

An example (``snippets/NAME.py``) is shown on a page in the page's language:
its comments and docstrings go through the page's catalogue, and nothing
else does.  Code, printed strings and the recorded output stay exactly as
the tested file has them.

:func:`messages` says what a translator sees, one message per comment block
(consecutive full-line comments, joined into one sentence), per comment at
the end of a line, and per docstring (those that hold words: ``# 0x1F90`` has
none).  :func:`translate` writes the example
again with some of them translated.  A translation breaks its lines where the
translator put line breaks; each line becomes a comment line at the
block's indentation.

Standard library only: the tests use it too.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Message:
    """One translatable piece of an example."""

    text: str
    """What the translator translates: the words, without ``#`` or quotes."""
    kind: Literal["block", "trailing", "docstring"]
    start: tuple[int, int]
    """Line (from 1) and column where the comment or docstring begins."""
    end: tuple[int, int]
    """Line and column just after it ends."""


#: A word of prose: lower-case letters, not part of a name, a call or an attribute.  A comment
#: without one (``# 0x1F90``, ``# AF_UNIX, SOCK_STREAM``) has nothing to translate.
PROSE_WORD = re.compile(r"(?<![\w.])[a-z]{2,}(?![\w(.])")


def _column(lines: list[str], row: int, byte_offset: int) -> int:
    """The character column of *byte_offset* in line *row* (ast counts UTF-8 bytes)."""
    return len(lines[row - 1].encode("utf-8")[:byte_offset].decode("utf-8"))


def _comment_text(token: str) -> str:
    return token[1:].strip()


def messages(source: str) -> list[Message]:
    """The comments and docstrings of *source*, in the order they appear."""
    found: list[Message] = []
    lines = source.splitlines(keepends=True)
    block: list[tokenize.TokenInfo] = []

    def close_block() -> None:
        if block:
            text = " ".join(_comment_text(token.string) for token in block)
            found.append(Message(text, "block", block[0].start, block[-1].end))
            block.clear()

    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            if token.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
                close_block()
            continue
        alone = token.line[: token.start[1]].strip() == ""
        if not alone:
            close_block()
            found.append(Message(_comment_text(token.string), "trailing", token.start, token.end))
            continue
        follows = (
            block
            and block[-1].start[0] == token.start[0] - 1
            and block[-1].start[1] == token.start[1]
            and _comment_text(token.string)
        )
        if not follows:
            close_block()
        if _comment_text(token.string):
            block.append(token)
        else:
            # A bare "#" separates paragraphs: each is its own message.
            close_block()
    close_block()

    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or not body:
            continue
        first = body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            value = first.value
            assert value.end_lineno is not None and value.end_col_offset is not None
            start = (value.lineno, _column(lines, value.lineno, value.col_offset))
            end = (value.end_lineno, _column(lines, value.end_lineno, value.end_col_offset))
            # The words as written between the quotes (b"\\n" stays b"\\n"), without their indentation.
            written = _span(lines, start, end)
            quote = _quote(written)
            text = inspect.cleandoc(written[len(written) - len(written.lstrip("rRuU")) + len(quote) : -len(quote)])
            found.append(Message(text, "docstring", start, end))
    prose = [message for message in found if PROSE_WORD.search(message.text)]
    return sorted({message.start: message for message in prose}.values(), key=lambda message: message.start)


class TranslationError(ValueError):
    """A translation that cannot stand in the example; ``line`` is where, in the example."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def _replacement(message: Message, translated: str, lines: list[str]) -> str:
    row, column = message.start
    indent = " " * column
    parts = translated.strip("\n").split("\n")
    if message.kind == "trailing":
        if len(parts) > 1:
            raise TranslationError(row, "a comment at the end of a line must stay on one line (no line break)")
        return f"# {parts[0].strip()}"
    if message.kind == "block":
        return ("\n" + indent).join(f"# {part.strip()}".rstrip() for part in parts)
    # A docstring: the same quotes, the translated lines at the docstring's indentation.
    original = _span(lines, message.start, message.end)
    quote = _quote(original)
    text = "\n".join(parts)
    if quote in text or text.endswith(quote[0]) or text.endswith("\\"):
        raise TranslationError(row, f"a docstring's translation must not contain {quote} or end in {quote[0]} or \\")
    if len(quote) == 1 and len(parts) > 1:
        raise TranslationError(row, "this docstring is on one line: its translation must be too")
    closing_alone = original[: -len(quote)].rstrip(" ").endswith("\n")
    # Each line after the first at the docstring's indentation; lines left empty stay empty.
    body = parts[0] + "".join("\n" + (indent + part if part.strip() else "") for part in parts[1:])
    return f"{quote}{body}{chr(10) + indent if closing_alone else ''}{quote}"


def _quote(written: str) -> str:
    """The quotes a string literal is written with."""
    bare = written.lstrip("rRuU")
    return next(quote for quote in ('"""', "'''", '"', "'") if bare.startswith(quote))


def _offset(lines: list[str], position: tuple[int, int]) -> int:
    row, column = position
    return sum(len(line) for line in lines[: row - 1]) + column


def _span(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    text = "".join(lines)
    return text[_offset(lines, start) : _offset(lines, end)]


def translate(source: str, translations: Mapping[str, str]) -> str:
    """*source* with each comment or docstring whose text *translations* has, translated.

    Raises :class:`TranslationError` when a translation would change more than
    words (a line break in an end-of-line comment, a quote in a docstring).
    """
    lines = source.splitlines(keepends=True)
    result = source
    for message in reversed(messages(source)):
        translated = translations.get(message.text)
        if not translated or translated == message.text:
            continue
        start, end = _offset(lines, message.start), _offset(lines, message.end)
        result = result[:start] + _replacement(message, translated, lines) + result[end:]
        try:
            compile(result, "<translated example>", "exec")
        except SyntaxError as error:
            raise TranslationError(message.start[0], f"the translation breaks the code: {error.msg}") from None
    return result
