"""What the offline, update and privacy tests ask of the site's service worker
(scripts/build/service_worker.py): wait until it controls a page, and read
back what it cached."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

from scripts.build import service_worker
from scripts.chromium import BOOT_TIMEOUT_MS

# Resolves once a service worker controls the page; since a worker is active
# only after its install (the whole precache) succeeded, its cache is then
# complete.  Rejects with a readable message past the deadline rather than
# hanging the run (the deadline is for failing, not a timing assertion).
_CONTROLLED = """async (deadline) => {
  const give_up = new Promise((_, reject) => setTimeout(
    () => reject(new Error("no service worker took control of the page")), deadline));
  const controlled = (async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  })();
  await Promise.race([controlled, give_up]);
  return navigator.serviceWorker.controller.scriptURL;
}"""

# Every cache of the origin and the URLs it holds.
CACHED = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return found;
}"""


def wait_until_controlled(page: Page) -> str:
    """Wait until the site's service worker controls `page` (its cache complete); its script URL."""
    return page.evaluate(_CONTROLLED, BOOT_TIMEOUT_MS)


def cached(page: Page) -> dict[str, list[str]]:
    return page.evaluate(CACHED)


def expected_cache(site: Path, site_url: str) -> tuple[str, set[str]]:
    """The cache name and the absolute URLs the built site's manifest lists."""
    entries = service_worker.manifest(site)
    return service_worker.cache_name(entries), {absolute(site_url, entry.url) for entry in entries}


def absolute(site_url: str, url: str) -> str:
    return site_url + ("" if url == "./" else url)


def site_path(site_url: str, url: str) -> str | None:
    """A URL of the site as its manifest writes it (no query or fragment), or
    None for another origin or a data:/blob: URL."""
    parts, root = urlsplit(url), urlsplit(site_url)
    if parts.scheme not in ("http", "https") or parts.netloc != root.netloc:
        return None
    path = parts.path[len(root.path):]
    if path == "" or path == "index.html":
        return "./"
    return path[: -len("index.html")] if path.endswith("/index.html") else path
