"""The page's description and site name, as search engines and link previews show them.

sphinxext-opengraph writes ``og:description`` and ``<meta name="description">``
from the page's first paragraphs, joining text pieces with spaces, which is
right for English and wrong for Chinese (两个 套接字 连接好之后, （ bind() 、); and it
names the site with the untranslated ``project``.  :func:`tidy_meta_tags`
runs after it and mends both.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

#: Chinese characters, and the full-width punctuation that needs no space beside it.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_WIDTH = r"\u3000-\u303f\uff00-\uffef"
#: A space between two Chinese characters, or next to full-width punctuation.
NEEDLESS_SPACE = re.compile(rf"(?<=[{HAN}]) +(?=[{HAN}])|(?<=[{FULL_WIDTH}]) +| +(?=[{FULL_WIDTH}])")
DESCRIPTION = re.compile(r'(<meta (?:property="og:description"|name="description") content=")([^"]*)(")')
SITE_NAME = re.compile(r'(<meta property="og:site_name" content=")([^"]*)(")')


def close_up(text: str) -> str:
    """*text* without the spaces Chinese does not put between words or around its punctuation.

    >>> close_up("两个 套接字 连接好之后（ bind() 、 listen()）")
    '两个套接字连接好之后（bind()、listen()）'
    >>> close_up("Bind a socket: bind() and listen().")
    'Bind a socket: bind() and listen().'
    """
    return NEEDLESS_SPACE.sub("", text)


def tidy_meta_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Mend the description's spacing and name the site in the page's language (after sphinxext-opengraph)."""
    tags = context.get("metatags", "")
    if not tags:
        return
    tags = DESCRIPTION.sub(lambda match: match[1] + close_up(match[2]) + match[3], tags)
    site_name = context.get("docstitle")
    if site_name:
        tags = SITE_NAME.sub(lambda match: match[1] + html.escape(site_name, quote=True) + match[3], tags)
    context["metatags"] = tags
