"""Print, as JSON, the call signatures that this Python gives the socket API.

Standard library only, for any Python 3.10 or newer::

    python3 tests/signatures.py

For every public callable of the ``socket`` module (``socket.socketpair``,
the class ``socket.socket`` …) and of ``socket.socket`` (``socket.socket.bind``
…), it prints the parameters the interpreter states, and where they come from:

``signature``
    :func:`inspect.signature`, which knows names, kinds and defaults;
``docstring``
    the first line(s) of ``__doc__``, for C methods without a signature, such as
    ``recv(buffersize[, flags]) -> data``: names, and which are optional;
``signature+docstring``
    since Python 3.13 a C method that takes exactly one argument or none gets a
    generic signature, ``(self, object, /)``: its kinds are real, but its names are
    placeholders, so the names come from the docstring;
``none``
    neither could be read.

A docstring may give several *forms*: one line per overload (``setsockopt``),
or two readings of an optional group in the middle, ``sendto(data[, flags],
address)``.  tests/test_signatures.py compares the pages with this output.
"""

from __future__ import annotations

import enum
import inspect
import json
import platform
import re
import socket
import sys
from typing import Any

#: Parameter kinds, as in :class:`inspect.Parameter`; ``None`` where the interpreter does not say.
Kind = str | None
#: One parameter: ``{"name", "kind", "has_default", "default"}``.
Param = dict[str, Any]
#: Types whose values are written as Python literals, so their repr is compared.
SIMPLE = (type(None), bool, int, float, str, bytes)
#: Separators in a docstring signature; everything between them is one parameter.
TOKEN = re.compile(r"\s*(\[|\]|,|\*|/|[^\[\],]+)")


def describe_default(value: Any) -> str | None:
    """A default as text the pages can be compared with: a literal, an enum member's name, or None."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, SIMPLE) or (isinstance(value, tuple) and all(isinstance(item, SIMPLE) for item in value)):
        return repr(value)
    return None  # e.g. socket._GLOBAL_DEFAULT_TIMEOUT, a bare object()


def from_signature(signature: inspect.Signature, *, method: bool) -> list[Param]:
    """The parameters of *signature*, without ``self`` for a method."""
    parameters = list(signature.parameters.values())
    if method and parameters and parameters[0].name == "self":
        parameters = parameters[1:]
    return [
        {
            "name": parameter.name,
            "kind": parameter.kind.name,
            "has_default": parameter.default is not inspect.Parameter.empty,
            "default": None if parameter.default is inspect.Parameter.empty else describe_default(parameter.default),
        }
        for parameter in parameters
    ]


def _group(tokens: list[str], start: int) -> tuple[list[Any], int]:
    """Nest the tokens from *start* until the matching ``]``: strings and lists (optional groups)."""
    items: list[Any] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token == "[":
            inner, index = _group(tokens, index + 1)
            items.append(inner)
        elif token == "]":
            return items, index + 1
        elif token != ",":
            items.append(token)
            index += 1
            continue
        else:
            index += 1
    return items, index


def _flatten(items: list[Any]) -> list[str]:
    return [token for item in items for token in (_flatten(item) if isinstance(item, list) else [item])]


def _forms(items: list[Any]) -> list[list[tuple[str, bool]]]:
    """Every reading of a nested parameter list, as ``(text, optional)`` pairs.

    An optional group followed by a required positional parameter (``[, flags], address``)
    is either given or left out; optional groups at the end make their parameters optional.
    """
    positional = items[: items.index("*")] if "*" in items else items
    required = [index for index, item in enumerate(positional) if not isinstance(item, list) and item != "/"]
    last_required = required[-1] if required else -1
    forms: list[list[tuple[str, bool]]] = [[]]
    for index, item in enumerate(items):
        if isinstance(item, list) and index < last_required:
            forms = [*forms, *[[*form, *((token, False) for token in _flatten(item))] for form in forms]]
        elif isinstance(item, list):
            forms = [[*form, *((token, True) for token in _flatten(item))] for form in forms]
        else:
            forms = [[*form, (item, False)] for form in forms]
    return forms


def _parameters(form: list[tuple[str, bool]]) -> list[Param] | None:
    """Parameters from one reading of a docstring signature; None if a name is not a name."""
    parameters: list[Param] = []
    kind: Kind = None
    for text, optional in form:
        if text == "/":
            for parameter in parameters:
                parameter["kind"] = "POSITIONAL_ONLY"
            continue
        if text == "*":
            kind = "KEYWORD_ONLY"
            continue
        name, _, default = text.partition("=")
        name = name.split(":")[0].strip()  # "value: int" in setsockopt's docstring
        if not name.isidentifier():
            return None
        parameters.append(
            {
                "name": name,
                "kind": kind,
                "has_default": optional or bool(default),
                "default": default.strip() or None,
            }
        )
    return parameters


def _arguments(line: str, name: str) -> str | None:
    """The text between the outer parentheses of ``name(…) -> …``, or None."""
    if not line.startswith(f"{name}("):
        return None
    depth = 0
    for index, character in enumerate(line[len(name) :], start=len(name)):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0:
            return line[len(name) + 1 : index]
    return None


def from_docstring(doc: str | None, name: str) -> tuple[list[str], list[list[Param]]] | None:
    """The signature lines at the start of *doc* and the forms they allow, or None."""
    lines = []
    for line in (doc or "").strip().splitlines():
        if _arguments(line.strip(), name) is None:
            break
        lines.append(line.strip())
    forms = []
    for line in lines:
        arguments = _arguments(line, name) or ""
        tokens = [match.group(1).strip() for match in TOKEN.finditer(arguments)]
        items, _ = _group([token for token in tokens if token], 0)
        for form in _forms(items):
            parameters = _parameters(form)
            if parameters is None:
                return None
            if parameters not in forms:  # setsockopt's value: int and value: buffer
                forms.append(parameters)
    return (lines, forms) if forms else None


def _placeholder(signature: inspect.Signature, obj: Any, name: str) -> bool:
    """Whether *signature* is the generic one Python 3.13+ gives a C method that has none.

    Such a method still starts its docstring with its own ``name(…)`` line, which
    Argument Clinic would have moved into the signature.
    """
    builtin = inspect.isbuiltin(obj) or inspect.ismethoddescriptor(obj)
    names = [parameter for parameter in signature.parameters if parameter != "self"]
    return builtin and names in ([], ["object"]) and (obj.__doc__ or "").startswith(f"{name}(")


def describe(obj: Any, name: str, *, method: bool) -> dict[str, Any]:
    """Where the signature of *obj* comes from, its text, and its forms (lists of parameters)."""
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        signature = None
    documented = from_docstring(obj.__doc__, name)
    if signature is not None and not (documented and _placeholder(signature, obj, name)):
        return {"source": "signature", "text": f"{name}{signature}", "forms": [from_signature(signature, method=method)]}
    if documented is None:
        return {"source": "none", "text": None, "forms": []}
    lines, forms = documented
    if signature is not None:
        stated = from_signature(signature, method=method)
        if all(len(form) == len(stated) for form in forms):
            for form in forms:
                for parameter, real in zip(form, stated):
                    parameter.update(kind=real["kind"], has_default=real["has_default"], default=real["default"])
            return {"source": "signature+docstring", "text": "\n".join(lines), "forms": forms}
    return {"source": "docstring", "text": "\n".join(lines), "forms": forms}


def public_callables() -> dict[str, dict[str, Any]]:
    """Every public callable of the socket module and of socket.socket, by full name."""
    found = {}
    for name in sorted(dir(socket)):
        value = getattr(socket, name)
        if not name.startswith("_") and callable(value):
            found[f"socket.{name}"] = describe(value, name, method=False)
    for name in sorted(dir(socket.socket)):
        value = getattr(socket.socket, name)
        if not name.startswith("_") and callable(value):
            found[f"socket.socket.{name}"] = describe(value, name, method=True)
    return found


def main() -> None:
    report = {
        "python": platform.python_version(),
        "version": f"{sys.version_info.major}.{sys.version_info.minor}",
        "platform": sys.platform,
        "objects": public_callables(),
    }
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
