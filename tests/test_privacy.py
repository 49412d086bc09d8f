"""Privacy: no page of the built site makes a request to another origin
(context-level request events include the checker worker's fetches), and a
full check leaves nothing behind in the browser but the site's own files: no
cookies, no Web Storage, no IndexedDB, and in Cache Storage only the service
worker's one cache, holding only files its manifest lists (never an answer),
as seen from the page, its workers and the service worker."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT
from tests.offline_helpers import cached, expected_cache, wait_until_controlled
from tests.tour import DIED_ON_CASELOAD, Visit


def test_no_page_requests_another_origin(site_tour: list[Visit], site_url: str):
    requested = [url for visit in site_tour for url in visit.requests]
    ours = urlsplit(site_url).netloc
    foreign = sorted({f"/{visit.path}: {url}" for visit in site_tour for url in visit.requests
                      if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != ours})
    print(f"\n{len(site_tour)} pages opened, {len(requested)} requests, {len(foreign)} to another origin")
    assert requested, "no requests were recorded at all"
    assert any("pyodide.asm.wasm" in url for url in requested), "the checker's runtime was never loaded"
    assert foreign == []


# What a page or a worker of our origin has stored: run in both.
STORED = """async () => {
  const found = {};
  if (typeof localStorage !== "undefined") found.localStorage = Object.keys(localStorage);
  if (typeof sessionStorage !== "undefined") found.sessionStorage = Object.keys(sessionStorage);
  found.indexedDB = (await indexedDB.databases()).map(db => db.name);
  found.caches = typeof caches === "undefined" ? ["(Cache Storage unavailable: cannot check)"] : await caches.keys();
  if (typeof document !== "undefined") found.cookie = document.cookie ? [document.cookie] : [];
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_full_check_stores_nothing_in_the_browser(context: BrowserContext, built_site: Path, site_url: str,
                                                    scheme: str):
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)  # dark mode follows the device: nothing is stored for it either
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    root = page.locator("[data-checker]")
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    result = page.locator('[data-status][data-framework="yjb-csppi-2017"]')
    expect(result).to_have_attribute("data-status", "notify")
    # change a few answers by clicking, as a user would
    page.get_by_label("Attempted suicide").check()
    page.get_by_label("Died", exact=True).uncheck()
    page.locator('fieldset[data-question="incident_in_custody"]').get_by_label("Don't know", exact=False).check()
    page.locator("#input-aware_at").fill("2026-12-01T09:30")
    expect(page).to_have_url(re.compile(r"what_happened=attempted_suicide"))
    expect(page).to_have_url(re.compile(r"aware_at=2026-12-01T09%3A30"))
    expect(result).not_to_have_attribute("data-status", "notify")
    # the search, too, and instant navigation away and back
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("custody", delay=5)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    page.get_by_role("link", name="About").first.click()
    expect(page.get_by_role("heading", name="About Threshold")).to_be_visible()
    page.go_back()
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)

    # the service worker has installed: its cache is complete
    assert wait_until_controlled(page) == site_url + "sw.js"
    cache, files = expected_cache(built_site, site_url)
    holds = cached(page)
    assert list(holds) == [cache], f"caches other than the site's own: {list(holds)}"
    assert sorted(set(holds[cache]) - files) == [], "cached URLs that are not the site's own files"
    assert len(holds[cache]) == len(files)

    assert context.cookies() == []
    in_page = page.evaluate(STORED)
    assert set(in_page) == {"localStorage", "sessionStorage", "indexedDB", "caches", "cookie"}
    assert in_page == {"localStorage": [], "sessionStorage": [], "indexedDB": [], "caches": [cache], "cookie": []}
    workers = [worker for worker in page.workers if worker.url.startswith(site_url)]
    assert any("checker-worker" in worker.url for worker in workers), \
        f"the checker's worker was not found among {[w.url for w in page.workers]}"
    service_workers = [worker for worker in context.service_workers if worker.url.startswith(site_url)]
    assert [worker.url for worker in service_workers] == [site_url + "sw.js"]
    for worker in workers + service_workers:
        in_worker = worker.evaluate(STORED)
        assert in_worker == {"indexedDB": [], "caches": [cache]}, f"{worker.url} stored {in_worker}"
