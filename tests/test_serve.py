"""`nox -s serve` serves the built site on 127.0.0.1 with the live-reload script injected."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_serves_both_languages_with_live_reload(site: Path) -> None:
    pytest.importorskip("sphinx_autobuild", reason="sphinx-autobuild is in the serve dependency group")
    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "socksite.serve", "--port", str(port)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "conf")},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    ) as server:  # fmt: skip
        try:
            pages = {}
            deadline = time.monotonic() + 20
            for path in ("en/bind.html", "zh-cn/bind.html"):
                while path not in pages:
                    try:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
                            pages[path] = response.read().decode("utf-8")
                    except OSError:
                        assert server.poll() is None, f"the server stopped: {server.stderr and server.stderr.read()}"
                        assert time.monotonic() < deadline, "the server did not answer within 20 s"
                        time.sleep(0.2)
            assert 'lang="en"' in pages["en/bind.html"] and 'lang="zh-CN"' in pages["zh-cn/bind.html"]
            assert all("/websocket-reload" in html for html in pages.values()), "no live-reload script injected"
        finally:
            server.terminate()
            server.wait(timeout=10)
