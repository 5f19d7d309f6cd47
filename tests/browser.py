"""Serve the built site on loopback and drive Debian's Chromium with Playwright.

Imported by the browser tests' fixtures.  Chromium is never downloaded:
``/usr/bin/chromium`` is used as installed (``apt install chromium``).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not (Path(CHROMIUM).is_file() or shutil.which("chromium")):
        return f"needs Chromium at {CHROMIUM} (apt install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs Playwright for Python (pip install playwright; never `playwright install`)"
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """Ignores clients that hang up mid-response (the browser moved on to the next page)."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve *folder* at http://127.0.0.1:<free port>/ for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=os.fspath(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
