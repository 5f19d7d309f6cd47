"""The Sphinx extension: everything the site adds to Sphinx, registered in :func:`setup`.

Directives for snippets and the glossary, the search index, the
language switcher's links and page language, links to other projects'
documentation, and a few guards: broken catalogues stop the build, changed
titles rewrite every page, incompletely translated pages say so.  The
larger pieces live in their own modules of this package.
"""

from __future__ import annotations

import hashlib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

from socksite.catalogs import problem as catalogue_problem
from socksite.glossary import SiteGlossaryDirective
from socksite.languages import configured_languages, page_url, public_base
from socksite.meta import tidy_meta_tags
from socksite import pairs, search
from socksite.snippets import SnippetDirective

PYTHON_DOCS = "https://docs.python.org/3/"

#: Names the signatures use that belong to Python's own documentation (a path below
#: PYTHON_DOCS), or to another project's (a full URL).
#:
#: :meta hide-value:
EXTERNAL_TARGETS: dict[str, str] = {
    "Ellipsis": "library/constants.html#Ellipsis",
    "pathlib.Path": "library/pathlib.html#pathlib.Path",
    "typing.ClassVar": "library/typing.html#typing.ClassVar",
    "collections.abc.Callable": "library/collections.abc.html#collections.abc.Callable",
    "datetime.datetime": "library/datetime.html#datetime.datetime",
    # The API page's type hints name a few classes of the libraries the site builds on.
    "docutils.nodes.document": "https://docutils.sourceforge.io/docs/ref/doctree.html#document",
    "docutils.nodes.reference": "https://docutils.sourceforge.io/docs/ref/doctree.html#reference",
    "docutils.nodes.section": "https://docutils.sourceforge.io/docs/ref/doctree.html#section",
    "docutils.nodes.TextElement": "https://docutils.sourceforge.io/docs/ref/doctree.html#element-hierarchy",
    "docutils.nodes.Element": "https://docutils.sourceforge.io/docs/ref/doctree.html#element-hierarchy",
    "sphinx.builders.html.StandaloneHTMLBuilder": "https://www.sphinx-doc.org/en/master/usage/builders/index.html#sphinx.builders.html.StandaloneHTMLBuilder",
    "sphinx.application.Sphinx": "https://www.sphinx-doc.org/en/master/extdev/appapi.html#sphinx.application.Sphinx",
    "sphinx.config.Config": "https://www.sphinx-doc.org/en/master/extdev/appapi.html#sphinx.config.Config",
    "sphinx.environment.BuildEnvironment": "https://www.sphinx-doc.org/en/master/extdev/envapi.html#sphinx.environment.BuildEnvironment",
    "sphinx.builders.Builder": "https://www.sphinx-doc.org/en/master/extdev/builderapi.html#sphinx.builders.Builder",
    "sphinx.addnodes.pending_xref": "https://www.sphinx-doc.org/en/master/extdev/nodes.html#sphinx.addnodes.pending_xref",
    "babel.messages.catalog.Catalog": "https://babel.pocoo.org/en/latest/api/messages/catalog.html#babel.messages.catalog.Catalog",
    "Any": "library/typing.html#typing.Any",
    "None": "library/constants.html#None",
    # typeshed's name for "any bytes-like object"
    "ReadableBuffer": "glossary.html#term-bytes-like-object",
    "WriteableBuffer": "glossary.html#term-bytes-like-object",
    "bool": "library/functions.html#bool",
    "bytes": "library/stdtypes.html#bytes",
    "float": "library/functions.html#float",
    "int": "library/functions.html#int",
    "str": "library/stdtypes.html#str",
    "tuple": "library/stdtypes.html#tuple",
    "typing.Any": "library/typing.html#typing.Any",
    "typing.Literal": "library/typing.html#typing.Literal",
    "collections.abc.Mapping": "library/collections.abc.html#collections.abc.Mapping",
    "collections.abc.Buffer": "library/collections.abc.html#collections.abc.Buffer",
    "io.IOBase": "library/io.html#io.IOBase",
    "errno": "library/errno.html",
    "errno.errorcode": "library/errno.html#errno.errorcode",
    "subprocess": "library/subprocess.html",
    "BlockingIOError": "library/exceptions.html#BlockingIOError",
    "ConnectionRefusedError": "library/exceptions.html#ConnectionRefusedError",
    "InterruptedError": "library/exceptions.html#InterruptedError",
    "OSError": "library/exceptions.html#OSError",
    "TimeoutError": "library/exceptions.html#TimeoutError",
    "ValueError": "library/exceptions.html#ValueError",
    "TypeError": "library/exceptions.html#TypeError",
    "OverflowError": "library/exceptions.html#OverflowError",
    "PermissionError": "library/exceptions.html#PermissionError",
    "BrokenPipeError": "library/exceptions.html#BrokenPipeError",
    "ConnectionResetError": "library/exceptions.html#ConnectionResetError",
    "ConnectionAbortedError": "library/exceptions.html#ConnectionAbortedError",
    "ConnectionError": "library/exceptions.html#ConnectionError",
    "inspect.signature": "library/inspect.html#inspect.signature",
    "selectors": "library/selectors.html",
    "selectors.DefaultSelector": "library/selectors.html#selectors.DefaultSelector",
    "socketserver": "library/socketserver.html",
    "asyncio": "library/asyncio.html",
    "asyncio.start_server": "library/asyncio-stream.html#asyncio.start_server",
    "struct": "library/struct.html",
    "struct.pack": "library/struct.html#struct.pack",
    "struct.unpack": "library/struct.html#struct.unpack",
    "ipaddress": "library/ipaddress.html",
    "ipaddress.ip_address": "library/ipaddress.html#ipaddress.ip_address",
    "sys.byteorder": "library/sys.html#sys.byteorder",
    "threading": "library/threading.html",
    "os.unshare": "library/os.html#os.unshare",
    "tempfile": "library/tempfile.html",
}


class SiteHTMLTranslator(HTML5Translator):
    """Sphinx's HTML writer, with toctree captions that screen readers can place.

    Sphinx writes a toctree caption as ``<p role="heading">`` without the
    ``aria-level`` that role requires (axe: aria-required-attr, critical).
    """

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            aria: dict[str, Any] = {"aria-level": "2"}
            self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **aria))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)


class KeepDocstringsOutOfGettext(SphinxTransform):
    """Docstrings of the site's own code stay in English, so they are not extracted.

    Their source is the code; translating them in a catalogue would fork them.
    Runs before Sphinx's own i18n transform (priority 20).
    """

    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.TextElement):
            if ":docstring of " in (node.source or ""):
                node["translatable"] = False


def link_to_python_docs(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve references to builtins and stdlib names to docs.python.org.

    The site builds offline, so it cannot fetch Python's intersphinx
    inventory; this short table covers every name the pages mention.
    """
    if node.get("refdomain") != "py":
        return None
    name = node["reftarget"]
    module = node.get("py:module")
    target = EXTERNAL_TARGETS.get(name) or (module and EXTERNAL_TARGETS.get(f"{module}.{name}"))
    if not target:
        return None
    url = target if target.startswith("https://") else PYTHON_DOCS + target
    link = nodes.reference("", "", internal=False, refuri=url)
    link += contnode
    return link


def add_language_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give templates the language switcher's links and the page's BCP 47 tag."""
    languages = configured_languages(app.config)
    current = next(lang for lang in languages if lang.code == (app.config.language or "en"))
    # The switcher offers the released languages (and this one, if it is a preview).
    languages = tuple(lang for lang in languages if lang.released or lang == current)
    # Furo writes <html lang="{{ language }}">; HTML wants zh-CN, not zh_CN.
    context["language"] = current.tag
    # The site's name is the home page's title, so it is translated with it.
    home = app.env.titles.get(app.config.root_doc)
    if home is not None:
        context["docstitle"] = home.astext()
    context["socksite_untranslated"] = current != languages[0] and not fully_translated(app, pagename)
    context["socksite_guides"] = [
        {"title": app.env.titles[guide].astext(), "url": context["pathto"](guide)}
        for guide in guides_by_page(app).get(pagename, [])
    ]
    suffix = context.get("file_suffix", ".html")
    not_found = pagename == app.config.notfound_pagename
    context["socksite_not_found"] = not_found
    # A 404 page has no translations to announce: it is not a page of the site.
    # Alternates need full URLs: none without the site's public address.
    context["socksite_alternates"] = (
        not not_found and current.released and public_base(app.config.site_base_url) is not None
    )
    if not_found:
        # Served at any missing URL: link each language's home page by absolute path.
        site_root = urlsplit(app.config.site_base_url).path.rstrip("/") + "/"
        urls = {lang: f"{site_root}{lang.folder}/index.html" for lang in languages}
    else:
        urls = {
            lang: page_url(pagename, from_page=pagename, language=lang, suffix=suffix)
            for lang in languages
        }
    # Alternates must be absolute URLs (search engines ignore relative ones).
    base = app.config.site_base_url.rstrip("/") + "/"
    context["socksite_languages"] = [
        {
            "name": lang.name,
            "tag": lang.tag,
            "folder": lang.folder,
            "url": urls[lang],
            "alternate": f"{base}{lang.folder}/{pagename}{suffix}",
            "current": lang == current,
        }
        for lang in languages
    ]


def guides_by_page(app: Sphinx) -> dict[str, list[str]]:
    """For each page, the guides that reference an object the page declares.

    Guides (``guide_pattern`` in conf.py) put the methods together for a
    task; each method page links back to the guides that use it.  Read from
    the guides' doctrees once per build, through the Python domain's own
    lookup, so a reference counts exactly when it becomes a link.
    """
    cached: dict[str, list[str]] | None = getattr(app, "socksite_guides", None)
    if cached is not None:
        return cached
    env = app.env
    domain = env.get_domain("py")
    found: dict[str, list[str]] = {}
    # In the order the home page lists them.
    order = {name: index for index, name in enumerate(env.toctree_includes.get(app.config.root_doc, []))}
    guides = [name for name in env.found_docs if fnmatch(name, app.config.guide_pattern)]
    for guide in sorted(guides, key=lambda name: (order.get(name, len(order)), name)):
        for ref in env.get_doctree(guide).findall(pending_xref):
            if ref.get("refdomain") != "py":
                continue
            matches = domain.find_obj(  # type: ignore[attr-defined]
                env, ref.get("py:module"), ref.get("py:class"), ref["reftarget"], ref.get("reftype"),
                1 if ref.get("refspecific") else 0,
            )
            for _, entry in matches[:1]:
                users = found.setdefault(entry.docname, [])
                if guide not in users and entry.docname != guide:
                    users.append(guide)
    app.socksite_guides = found  # type: ignore[attr-defined]
    return found


def note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before documents are read again, note which (see :func:`rewrite_all_if_any_was_read`)."""
    env.socksite_read = bool(docnames)  # type: ignore[attr-defined]


def rewrite_all_if_any_was_read(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Write every page again whenever any page was read again.

    A page shows more than its own source: the sidebar lists every title,
    method pages list the guides that use them.  And the search index
    (socksite.search) is made from the pages written in this build, as
    Sphinx's own was (which, in addition, lost the index entries of pages
    it did not write: upstream issue 12599).  Writing every page
    makes an incremental build equal a clean one; reading, the costly part,
    stays incremental.
    """
    return set(env.found_docs) if getattr(env, "socksite_read", False) else set()


def fully_translated(app: Sphinx, pagename: str) -> bool:
    """Whether the page's catalogue translates all of it (else readers see English parts)."""
    if pagename not in app.env.found_docs:
        return True  # search, genindex: the theme's words only
    folder = Path(app.srcdir, app.config.locale_dirs[0], app.config.language or "en", "LC_MESSAGES")
    path = folder / f"{pagename}.po"
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        catalogue = read_po(stream)
    return all(message.string and not message.fuzzy for message in catalogue if message.id)


def derive_hosting_settings(app: Sphinx, config: Config) -> None:
    """Set each language's public URLs from ``site_base_url`` and its folder."""
    languages = configured_languages(config)
    current = next(lang for lang in languages if lang.code == (config.language or "en"))
    base = config.site_base_url.rstrip("/") + "/"
    # Canonical links and og:url only with a full public address (never a guess).
    config.html_baseurl = f"{base}{current.folder}/" if public_base(base) else ""
    config.ogp_site_url = config.html_baseurl
    # The 404 page is served at whatever URL was missing, so its links are absolute paths.
    config.notfound_urls_prefix = f"{urlsplit(base).path}{current.folder}/"
    # The theme's words (Furo's "Next", "Back to top"…) are translated in
    # locale/<lang>/LC_MESSAGES/sphinx.po; pages are rewritten when it changes.
    theme_catalogue = Path(app.srcdir, config.locale_dirs[0], current.code, "LC_MESSAGES", "sphinx.po")
    if theme_catalogue.is_file():
        config.socksite_theme_catalogue = hashlib.sha256(theme_catalogue.read_bytes()).hexdigest()


def refuse_broken_catalogues(app: Sphinx) -> None:
    """Stop a translated build before it writes anything if a catalogue cannot be read.

    Babel would only log the problem, without the file's name, and the page
    would quietly appear in English.
    """
    if app.config.language == next(iter(app.config.site_languages)):
        return
    folder = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES").resolve()
    problems = [found for path in sorted(folder.glob("*.po")) if (found := catalogue_problem(path))]
    if problems:
        raise SphinxError("broken translation catalogue:\n" + "\n".join(problems))


def code_version() -> int:
    """A number that changes whenever the site's Sphinx code (this package) changes.

    Sphinx keeps what it read from each page between builds; given as the
    extension's ``env_version``, this makes it read every page again after a
    change to the code that reads them, instead of writing pages from doctrees
    the old code made.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the site's directive, event handlers and settings."""
    app.add_config_value("site_languages", {"en": "English"}, "env", dict)
    app.add_config_value("site_unreleased", [], "html", list)
    app.add_config_value("site_language_aliases", {}, "html", dict)
    app.add_config_value("snippets_dir", "../snippets", "env", str)
    # Pages that are guides: method pages link back to the guides that use them.
    app.add_config_value("guide_pattern", "guide-*", "env", str)
    # Set in conf.py; without it, URLs are absolute paths from the host's root.
    app.add_config_value("site_base_url", "/", "html", str)
    # Set from the theme's catalogue; "html": a change rewrites every page.
    app.add_config_value("socksite_theme_catalogue", "", "html", str)
    app.connect("config-inited", derive_hosting_settings)
    app.connect("builder-inited", refuse_broken_catalogues)
    app.add_directive("snippet", SnippetDirective)
    app.add_directive("site-glossary", SiteGlossaryDirective)
    app.set_translator("html", SiteHTMLTranslator)
    app.add_transform(KeepDocstringsOutOfGettext)
    app.connect("missing-reference", link_to_python_docs)
    app.connect("env-before-read-docs", note_pages_read)
    app.connect("env-get-updated", rewrite_all_if_any_was_read)
    app.connect("html-page-context", add_language_context)
    # After sphinxext-opengraph: Chinese spacing in descriptions, the site's name translated.
    app.connect("html-page-context", tidy_meta_tags, priority=900)
    search.setup(app)
    pairs.setup(app)
    return {
        "version": "1",
        "env_version": code_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
