"""Serve the built site on loopback and drive Debian's Chromium with Playwright.

Imported by the browser tests' fixtures.  Chromium is never downloaded:
``/usr/bin/chromium`` is used as installed (``apt install chromium``).
"""

from __future__ import annotations

import functools
import gzip
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


class StaticHostHandler(QuietHandler):
    """Serves files as a production static host does: gzip for text, long caching for _static/."""

    COMPRESSED = (".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".inv")

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = path.read_bytes()
        compress = path.suffix in self.COMPRESSED
        if compress:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if "/_static/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """Ignores clients that hang up mid-response (the browser moved on to the next page)."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve(folder: Path, *, like_a_host: bool = False) -> Iterator[str]:
    """Serve *folder* at http://127.0.0.1:<free port>/ for the duration of the block.

    With *like_a_host*, text is gzip-compressed and _static/ files are cacheable,
    as on a real static host (for measuring what readers download).
    """
    handler_class = StaticHostHandler if like_a_host else QuietHandler
    handler = functools.partial(handler_class, directory=os.fspath(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
