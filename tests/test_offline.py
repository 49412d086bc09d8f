"""The built site needs no network and no special server: served by plain
``python -m http.server`` (as any static host would serve it), with every
request to another host refused, the checker still loads and decides."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, expect

from scripts.chromium import BOOT_TIMEOUT_MS
from tests.tour import DIED_ON_CASELOAD


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_site_works_from_python_http_server_with_no_network(context: BrowserContext, built_site: Path):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(built_site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        refused: list[str] = []

        def only_localhost(route) -> None:
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort("internetdisconnected")

        context.route("**/*", only_localhost)
        page = context.new_page()
        page.goto(base + "check/" + DIED_ON_CASELOAD)
        expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
        expect(page.locator('[data-status][data-framework="yjb-csppi-2017"]')).to_have_attribute("data-status", "notify")
        page.goto(base + "compare/")
        # Material swaps each diagram's source for a rendered one (in a closed shadow root)
        expect(page.locator("div.mermaid").first).to_be_visible()
        expect(page.locator("pre.mermaid")).to_have_count(0)
        page.goto(base)
        # Material reads the query on keyup (or when its index is ready), so
        # type it: fill() fires no keyup and passes only if the index is late.
        box = page.locator(".md-search__input")
        box.click()
        box.press_sequentially("custody", delay=5)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        assert refused == [], f"the site asked for other hosts: {refused}"
    finally:
        server.terminate()
        server.wait(timeout=10)
