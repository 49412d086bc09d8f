"""Privacy: no page of the built site makes a request to another origin
(context-level request events include the checker worker's fetches)."""

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, expect

from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT


def built_pages(site: Path) -> list[str]:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in pages]


def test_no_page_requests_another_origin(context: BrowserContext, built_site: Path, site_url: str):
    pages = built_pages(built_site)
    assert len(pages) > 5, "the site seems to have no pages"
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        if path.startswith("check/"):
            # the worker fetches the runtime after load: wait until it has booted
            expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
        page.wait_for_load_state("networkidle", timeout=BOOT_TIMEOUT)
    ours = urlsplit(site_url).netloc
    foreign = sorted({url for url in requested
                      if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != ours})
    assert requested, "no requests were recorded at all"
    assert any("pyodide.asm.wasm" in url for url in requested), "the checker's runtime was never loaded"
    assert foreign == []
