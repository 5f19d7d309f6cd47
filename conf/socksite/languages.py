"""Where each language of the site lives, and how pages link across languages.

Pure standard library, so that ``noxfile.py`` and the tests can use it
without Sphinx.  The languages themselves are declared once, in
``conf/conf.py`` (``site_languages``).
"""

from __future__ import annotations

import html
import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CONF_PY = Path(__file__).resolve().parent.parent / "conf.py"


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    """Sphinx's language code, as in ``-D language=zh_CN``."""
    name: str
    """The language's name in that language, as the switcher shows it."""
    released: bool = True
    """Offered to readers; a language held back is built and checked, into ``_build/preview/``, and linked from nowhere."""
    aliases: tuple[str, ...] = ()
    """Other BCP 47 tags whose readers the root page sends here (``zh-HK`` for ``zh_TW``)."""

    @property
    def tag(self) -> str:
        """The BCP 47 tag for ``<html lang>`` and ``hreflang``: ``zh-CN``."""
        return self.code.replace("_", "-")

    @property
    def folder(self) -> str:
        """The URL folder the language is published under: ``zh-cn``."""
        return self.tag.lower()


def languages_from(
    declared: dict[str, str], unreleased: list[str] | tuple[str, ...] = (), aliases: dict[str, list[str]] | None = None
) -> tuple[Language, ...]:
    """Turn ``site_languages``, ``site_unreleased`` and ``site_language_aliases`` from conf.py into :class:`Language` objects."""
    unknown = (set(unreleased) | set(aliases or {})) - set(declared)
    if unknown:
        raise ValueError(f"conf.py names languages it does not declare in site_languages: {sorted(unknown)}")
    if next(iter(declared)) in unreleased:
        raise ValueError("the source language (the first in site_languages) cannot be held back")
    return tuple(
        Language(code, name, code not in unreleased, tuple((aliases or {}).get(code, ())))
        for code, name in declared.items()
    )


def configured_languages(config: Any) -> tuple[Language, ...]:
    """The languages of a Sphinx configuration (``app.config``), as conf.py declares them."""
    return languages_from(config.site_languages, config.site_unreleased, config.site_language_aliases)


def site_languages() -> tuple[Language, ...]:
    """Read the languages declared in ``conf/conf.py`` without starting Sphinx, released or not."""
    conf = runpy.run_path(str(CONF_PY))
    return languages_from(conf["site_languages"], conf["site_unreleased"], conf["site_language_aliases"])


def released(languages: tuple[Language, ...]) -> tuple[Language, ...]:
    """The languages readers are offered: in the switcher, the root page, hreflang and the sitemap."""
    return tuple(language for language in languages if language.released)


def public_base(url: str) -> str | None:
    """*url* ending in ``/`` if it is a full http(s) address, else None.

    Only a full address can go into canonical links, Open Graph URLs,
    hreflang alternates and a sitemap; without one they are left out.

    >>> public_base("https://x.test/docs"), public_base(""), public_base("/docs/")
    ('https://x.test/docs/', None, None)
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url.rstrip("/") + "/"


def site_base_url() -> str:
    """Where the site is published (``site_base_url`` in ``conf/conf.py``), ending in ``/``.

    Empty when no full address is configured (``SOCKSITE_BASE_URL`` unset).
    """
    return public_base(str(runpy.run_path(str(CONF_PY))["site_base_url"])) or ""


def sitemap_xml(languages: tuple[Language, ...], pages: list[str], *, base_url: str) -> str:
    """A sitemap that lists every page in every language, each with its translations.

    >>> print(sitemap_xml((Language("en", "English"),), ["index"], base_url="https://x.test/"))
    ... # doctest: +NORMALIZE_WHITESPACE
    <?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url><loc>https://x.test/en/index.html</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://x.test/en/index.html"/></url>
    </urlset>
    """
    entries = []
    for page in pages:
        alternates = "".join(
            f'\n<xhtml:link rel="alternate" hreflang="{lang.tag}" href="{html.escape(base_url + lang.folder + "/" + page + ".html")}"/>'
            for lang in languages
        )
        for lang in languages:
            entries.append(f"<url><loc>{html.escape(base_url + lang.folder + '/' + page + '.html')}</loc>{alternates}</url>")
    body = "\n".join(entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{body}\n</urlset>\n"
    )


def page_url(pagename: str, *, from_page: str, language: Language, suffix: str = ".html") -> str:
    """Relative URL from the page *from_page* to *pagename* in *language*.

    Both pages are Sphinx page names (``index``, ``methods/bind``); the result
    climbs out of the current language folder and into the other one, so it
    works on any host and under any path prefix.

    >>> zh = Language("zh_CN", "简体中文")
    >>> page_url("bind", from_page="bind", language=zh)
    '../zh-cn/bind.html'
    >>> page_url("a/b", from_page="a/b", language=zh)
    '../../zh-cn/a/b.html'
    """
    up = "../" * (from_page.count("/") + 1)
    return f"{up}{language.folder}/{pagename}{suffix}"


def root_index_html(
    languages: tuple[Language, ...], *, title: str | dict[Language, str], base_url: str = ""
) -> str:
    """The site's root page: sends a reader on to the language they prefer.

    With JavaScript, a language the reader chose earlier (``localStorage``)
    wins, then the first of ``navigator.languages`` that the site has (any
    ``zh`` means Simplified Chinese); otherwise the source language.  Without
    JavaScript, the page simply offers a link to each language.  *title* is
    one title, or each language's own (its home page's), shown side by side,
    each marked with its language.  The hreflang alternates need *base_url*,
    the site's full public address.
    """
    source = languages[0]
    titles = title if isinstance(title, dict) else {source: title}
    links = "\n".join(
        f'    <li><a href="{lang.folder}/index.html" hreflang="{lang.tag}" lang="{lang.tag}">'
        f"{html.escape(lang.name)}</a></li>"
        for lang in languages
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{lang.tag}" href="{html.escape(base_url)}{lang.folder}/index.html">'
        for lang in languages
        if public_base(base_url)
    )
    plain_title = html.escape(" · ".join(titles.values()))
    heading = " · ".join(
        f'<span lang="{lang.tag}">{html.escape(text)}</span>' if lang != source else html.escape(text)
        for lang, text in titles.items()
    )
    # A bare "zh" goes to the first Chinese; a tag or alias of a language to that language.
    prefixes = {lang.tag.lower().split("-")[0]: lang.folder for lang in reversed(languages)}
    prefixes |= {lang.tag.lower(): lang.folder for lang in languages}
    prefixes |= {alias.lower(): lang.folder for lang in languages for alias in lang.aliases}
    table = ", ".join(f'"{key}": "{value}"' for key, value in sorted(prefixes.items()))
    return f"""<!doctype html>
<html lang="{source.tag}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <title>{plain_title}</title>
  <meta name="description" content="{plain_title}: {html.escape(" / ".join(lang.name for lang in languages))}">
{alternates}
  <link rel="icon" href="{source.folder}/_static/favicon.svg" type="image/svg+xml">
  <script>
    (function () {{
      var folders = {{{table}}};
      var chosen = null;
      try {{ chosen = localStorage.getItem("socksite-language"); }} catch (e) {{}}
      var wanted = chosen ? [chosen] : (navigator.languages || [navigator.language || ""]);
      var folder = "{source.folder}";
      // zh-Hant-HK is tried as zh-hant-hk, then zh-hant, then zh.
      search: for (var i = 0; i < wanted.length; i++) {{
        for (var tag = String(wanted[i]).toLowerCase(); tag; tag = tag.replace(/-?[^-]*$/, "")) {{
          if (folders[tag]) {{ folder = folders[tag]; break search; }}
        }}
      }}
      location.replace(folder + "/index.html" + location.hash);
    }})();
  </script>
  <style>
    body {{ font-family: system-ui, sans-serif; max-width: 30rem; margin: 4rem auto; padding: 0 1rem; }}
    a {{ font-size: 1.25rem; }}
  </style>
</head>
<body>
  <main>
  <h1>{heading}</h1>
  <ul>
{links}
  </ul>
  </main>
</body>
</html>
"""

