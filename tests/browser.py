"""Serve the built site on loopback and drive Debian's Chromium with Playwright.

Imported by the browser tests' fixtures.  Chromium is never downloaded:
``/usr/bin/chromium`` is used as installed (``apt install chromium``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
    """Serves files without logging every request to stderr.

    A missing file is answered, as static hosts such as GitHub Pages do, with
    the site's root ``404.html`` (status 404) when there is one.
    """

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, "404.html")
        if code != 404 or self.command != "GET" or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class StaticHostHandler(QuietHandler):
    """Serves files as a production static host does: gzip for text, long caching for _static/,
    and connections kept open between requests."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out as written, as a host sends them, not held back for a delayed ACK.
    disable_nagle_algorithm = True
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


@dataclass
class Printed:
    """What a PDF that Chromium printed shows: each page's text, and the page of each id."""

    pages: list[str]
    """The text of each page; each run of text the page draws is one line."""
    destinations: dict[str, int]
    """The page (from 0) of each element id the PDF can link to (ids that links point at)."""


def read_printed_pdf(pdf: bytes) -> Printed:
    """Read a PDF that Chromium printed (``page.pdf()``).

    Reads just as much PDF as Chromium's printer (Skia) writes: plain
    objects, Flate streams, named destinations, and fonts that map their
    codes to text with a ``/ToUnicode`` CMap.  Chinese text may come out as
    radicals of the same shape (⻚ for 页): compare it loosely.
    """
    # Object number -> (dictionary, stream bytes), read in order: a stream's /Length says
    # where it ends, so that nothing inside a compressed stream is taken for an object.
    objects: dict[int, tuple[bytes, bytes]] = {}
    header = re.compile(rb"(\d+) 0 obj\s*(.*?)(stream\r?\n|endobj)", re.S)
    position = 0
    while match := header.search(pdf, position):
        body, data = match[2], b""
        position = match.end()
        if match[3] != b"endobj":
            length = re.search(rb"/Length (\d+)", body)
            assert length, f"stream {match[1]!r} has no /Length"
            data = pdf[position : position + int(length[1])]
            position += int(length[1])
        objects[int(match[1])] = (body, data)

    def dictionary(number: int) -> bytes:
        return objects[number][0]

    def stream(number: int) -> bytes:
        body, data = objects[number]
        return zlib.decompress(data) if b"/FlateDecode" in body else data

    def unicode_map(number: int) -> tuple[int, dict[int, str]]:
        """(bytes per code, code -> text) from a ToUnicode CMap."""
        cmap = stream(number).decode("latin-1")
        low = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", cmap)
        width = len(low[1]) // 2 if low else 2
        codes: dict[int, str] = {}

        def text(hexes: str) -> str:
            return bytes.fromhex(hexes).decode("utf-16-be", errors="replace")

        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                codes[int(source, 16)] = text(target)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
                start, end = int(first, 16), int(last, 16)
                if target.startswith("["):
                    for offset, each in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", target)):
                        codes[start + offset] = text(each)
                else:
                    base = bytes.fromhex(target[1:-1])
                    for offset in range(end - start + 1):
                        value = int.from_bytes(base, "big") + offset
                        codes[start + offset] = text(value.to_bytes(len(base), "big").hex())
        return width, codes

    def page_numbers(number: int) -> list[int]:
        body = dictionary(number)
        if re.search(rb"/Type\s*/Pages", body):
            kids = re.search(rb"/Kids\s*\[(.*?)\]", body, re.S)
            assert kids, f"page tree node {number} has no kids"
            return [page for kid in re.findall(rb"(\d+) 0 R", kids[1]) for page in page_numbers(int(kid))]
        return [number]

    catalog = next(number for number in objects if re.search(rb"/Type\s*/Catalog", dictionary(number)))
    root = re.search(rb"/Pages (\d+) 0 R", dictionary(catalog))
    assert root, "the PDF has no page tree"
    numbers = page_numbers(int(root[1]))
    destinations: dict[str, int] = {}
    names = re.search(rb"/Dests (\d+) 0 R", dictionary(catalog))
    if names:
        for name, page_object in re.findall(rb"/([^\s/\[]+)\s*\[(\d+) 0 R", dictionary(int(names[1]))):
            ident = re.sub(rb"#([0-9A-Fa-f]{2})", lambda hexes: bytes.fromhex(hexes[1].decode()), name).decode()
            destinations[ident] = numbers.index(int(page_object))
    texts = []
    for number in numbers:
        page = dictionary(number)
        resources = re.search(rb"/Resources (\d+) 0 R", page)
        if resources:
            page += dictionary(int(resources[1]))
        fonts = {}
        font_table = re.search(rb"/Font\s*<<(.*?)>>", page, re.S)
        for name, font in re.findall(rb"/(\S+?) (\d+) 0 R", font_table[1] if font_table else b""):
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", dictionary(int(font)))
            fonts[name] = unicode_map(int(to_unicode[1])) if to_unicode else (1, {})
        contents = re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", page, re.S)
        assert contents, f"page {number} has no contents"
        content = b"\n".join(stream(int(part)) for part in re.findall(rb"(\d+) 0 R", contents[1]))
        lines, run, font = [], [], (2, {})
        for match in re.finditer(rb"/(\S+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(Tj|TJ)\b", content):
            if match[1] is not None:
                font = fonts.get(match[1], (2, {}))
            elif match[2] is not None:
                width, codes = font
                raw = bytes.fromhex(match[2].decode())
                run.extend(codes.get(int.from_bytes(raw[i : i + width], "big"), "") for i in range(0, len(raw), width))
            else:
                lines.append("".join(run))
                run = []
        texts.append("\n".join(line for line in lines if line.strip()))
    return Printed(texts, destinations)


def serious_accessibility_violations(page: object) -> list[str]:
    """axe-core's serious and critical findings on *page* (a Playwright page), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]
