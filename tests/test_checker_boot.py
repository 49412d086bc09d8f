"""The checker's two ways to start (docs/assets/javascripts/checker-worker.js):
restoring the build's memory snapshot, and booting on the trimmed standard
library, which is also the quiet fallback when the snapshot is refused.
``?boot=snapshot`` / ``?boot=stdlib`` in the page's address force one way.

The site's service worker precaches every file in the background, the wheel
and the snapshot included: its requests are left out of what the checker's
own worker is said to have asked for, and out of the refusals.  The last test
is the whole story: a first visit installs it, a later one restores the
snapshot it cached."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS
from tests import tour
from tests.offline_helpers import wait_until_controlled
from tests.tour import DIED_ON_CASELOAD

SNAPSHOT_URL = re.compile(r"/assets/pyodide/[^/]+/snapshot\.[0-9a-f]+\.bin$")


def _open_and_decide(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    result = page.locator('[data-status][data-framework="yjb-csppi-2017"]')
    expect(result).to_have_attribute("data-status", "notify")
    expect(result.locator('[data-obligation="notify-yjb"]')).to_have_attribute("data-due", "2026-11-23T16:00")


def _requested(context: BrowserContext) -> list[str]:
    """URLs the pages and their workers ask for from now on, the service worker's precache left out."""
    urls: list[str] = []
    context.on("request", lambda request: None if request.service_worker else urls.append(request.url))
    return urls


def test_the_site_ships_a_compressed_snapshot_named_by_its_content(built_site: Path):
    snapshots = list(built_site.glob("assets/pyodide/*/snapshot.*.bin"))
    assert len(snapshots) == 1
    data = snapshots[0].read_bytes()
    assert data[:2] == b"\x1f\x8b", "the snapshot is published gzipped"
    check = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    assert f'data-snapshot="../{snapshots[0].relative_to(built_site).as_posix()}"' in check


def test_the_restored_snapshot_gives_the_verdict_without_installing_the_wheel(context: BrowserContext, site_url: str):
    requested = _requested(context)
    _open_and_decide(context.new_page(), site_url + "check/?boot=snapshot" + DIED_ON_CASELOAD)
    assert any(SNAPSHOT_URL.search(url) for url in requested), "the snapshot was not fetched"
    assert not any(url.endswith(".whl") for url in requested), "the worker booted instead of restoring"


def test_the_stdlib_boot_gives_the_verdict_without_the_snapshot(context: BrowserContext, site_url: str):
    requested = _requested(context)
    _open_and_decide(context.new_page(), site_url + "check/?boot=stdlib" + DIED_ON_CASELOAD)
    assert not any(SNAPSHOT_URL.search(url) for url in requested)
    assert any(url.endswith(".whl") for url in requested)


def test_a_first_visit_boots_from_the_stdlib_when_the_snapshot_is_not_cached(context: BrowserContext, site_url: str):
    requested = _requested(context)
    _open_and_decide(context.new_page(), site_url + "check/" + DIED_ON_CASELOAD)
    assert not any(SNAPSHOT_URL.search(url) for url in requested), "a cold visit downloaded the snapshot itself"


def _wrong_build(built_site: Path) -> bytes:
    """A real snapshot whose header names another Pyodide build."""
    data = bytearray(gzip.decompress(next(built_site.glob("assets/pyodide/*/snapshot.*.bin")).read_bytes()))
    data[16:20] = bytes(4 - i for i in range(4)) if data[16:20] != b"\x04\x03\x02\x01" else b"\x00\x00\x00\x00"
    return bytes(data)


@pytest.mark.parametrize("refusal", ["missing", "garbage", "garbage-gzip", "other-build"])
def test_a_refused_snapshot_falls_back_to_the_stdlib_boot_quietly(
        refusal: str, context: BrowserContext, site_url: str, built_site: Path):
    bodies = {"garbage": b"not a snapshot " * 4096, "garbage-gzip": b"\x1f\x8b" + b"not gzip either " * 4096}
    if refusal == "other-build":
        bodies[refusal] = _wrong_build(built_site)
    fetched: list[str] = []

    def refuse(route) -> None:
        if route.request.service_worker:  # the precache: it checks each file's hash anyway
            route.continue_()
            return
        fetched.append(route.request.url)
        if refusal == "missing":
            route.fulfill(status=404, body="Not Found")
        else:
            route.fulfill(status=200, body=bodies[refusal], content_type="application/octet-stream")

    context.route(SNAPSHOT_URL, refuse)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    _open_and_decide(page, site_url + "check/?boot=snapshot" + DIED_ON_CASELOAD)
    assert fetched, "the snapshot was never asked for, so nothing was refused"
    assert messages == []


def test_a_later_visit_restores_the_snapshot_once_it_is_cached(context: BrowserContext, site_url: str,
                                                                built_site: Path):
    # What the service worker does in the background on a first visit.
    page = context.new_page()
    page.goto(site_url + "about/")
    snapshot = next(built_site.glob("assets/pyodide/*/snapshot.*.bin")).relative_to(built_site).as_posix()
    page.evaluate("url => caches.open('threshold-test').then(cache => cache.add(url))", "/" + snapshot)
    requested = _requested(context)
    _open_and_decide(page, site_url + "check/" + DIED_ON_CASELOAD)
    assert not any(url.endswith(".whl") for url in requested), "the worker booted although the snapshot was cached"
    assert not any(SNAPSHOT_URL.search(url) for url in requested), "the cached snapshot was fetched again"


def test_a_visit_after_the_service_worker_cached_the_site_restores_the_snapshot(browser: Browser, site_url: str):
    context = tour.patient(browser.new_context())
    try:
        first = context.new_page()
        first.goto(site_url + "check/" + DIED_ON_CASELOAD)
        wait_until_controlled(first)  # its precache, the snapshot included, is complete
        requested = _requested(context)
        _open_and_decide(context.new_page(), site_url + "check/" + DIED_ON_CASELOAD)
        assert not any(url.endswith(".whl") for url in requested), "the worker booted instead of restoring"
    finally:
        context.close()
