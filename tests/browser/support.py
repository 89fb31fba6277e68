"""What the browser tests share: building and serving sites, loading pages."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
HARD_MAP = REPO / "tests" / "fixtures" / "hard-map"
ARTIFACTS = REPO / "tests" / "artifacts"
SOURCE_DATE_EPOCH = "1795651200"  # 2026-11-26, so review notices do not depend on the day
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class ServedSite:
    """A built site and the local address it is served at."""

    url: str
    """Base URL, ending in a slash."""
    path: Path
    """The built site folder."""

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>``: where every request of the site must go."""
        return self.url.split("//", 1)[1].rstrip("/")

    def at(self, relative: str) -> str:
        return self.url + relative.lstrip("/")

    @functools.cached_property
    def catalogue(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.path / "catalogue.json").read_text("utf-8"))
        return data

    @property
    def journeys(self) -> list[dict[str, Any]]:
        return list(self.catalogue["journeys"])

    @property
    def personas(self) -> list[dict[str, Any]]:
        return list(self.catalogue["personas"])


class Build:
    """``mkdocs build`` of one handbook, started in the background."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "NO_MKDOCS_2_WARNING": "1",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
        command += ["-d", str(site_dir)]
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=config_file.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.result: Path | None = None
        self.output = ""

    def wait(self) -> Path:
        if self.result is None:
            self.output, _ = self.process.communicate(timeout=300)
            if self.process.returncode != 0:
                pytest.fail(
                    f"mkdocs build -f {self.config_file} failed "
                    f"(exit {self.process.returncode}):\n{self.output}",
                    pytrace=False,
                )
            self.result = self.site_dir
        return self.result

    def stop(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(site: Path) -> Iterator[ServedSite]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http {site}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield ServedSite(f"http://{host}:{port}/", site)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def richest_journey(site: ServedSite) -> dict[str, Any]:
    """The journey with the most to draw: the best page to look at."""
    return max(site.journeys, key=lambda j: len(json.dumps(j["stages"], ensure_ascii=False)))


def open_page(page: Page, url: str) -> None:
    """Load ``url`` fully: network idle and web fonts ready, so boxes are final."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    page.evaluate("document.fonts.ready.then(() => true)")
