"""Serve the built site on 127.0.0.1 and rebuild it, with live reload, on every change.

sphinx-autobuild serves one Sphinx output folder; this site is several (one
per language) under one root, so this module puts sphinx-autobuild's own
watcher and reload script in front of the whole ``_build/html`` folder.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from socksite.build import BUILD, ROOT, SITE, build
from socksite.languages import site_languages

WATCHED = ("docs", "locale", "snippets", "conf")


def rebuild(changed_paths: Sequence[Path] = ()) -> None:
    """Rebuild every language (incrementally) after *changed_paths* changed."""
    if changed_paths:
        print("Changed:", ", ".join(str(Path(p).relative_to(ROOT)) for p in changed_paths[:5]))
    build(site_languages())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    url_host = f"127.0.0.1:{args.port}"
    ignore = IgnoreFilter([str(BUILD), "__pycache__"], [r".*\.mo$", r".*~$", r".*\.swp$"])
    watcher = RebuildServer([ROOT / folder for folder in WATCHED], ignore, change_callback=rebuild)
    app = Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=SITE, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )
    print(f"Serving the site on http://{url_host}/ (Ctrl+C to stop)")
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
