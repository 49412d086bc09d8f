"""The built site needs no network and no special server: served by plain
``python -m http.server`` (as any static host would serve it), with every
request to another host refused, the checker still loads and decides.

After one visit it needs no network at all: the service worker
(scripts/build/service_worker.py) has precached every file a page loads, so
with the browser offline the checker, the pages and the search still work;
and a new build is offered with "Updated: reload".  These tests use no
``route`` interception, which would stand between the page and the worker."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from scripts.build import service_worker
from scripts.chromium import BOOT_TIMEOUT_MS
from tests.conftest import _QuietHandler
from tests.offline_helpers import cached, expected_cache, site_path, wait_until_controlled
from tests.tour import DIED_ON_CASELOAD, Visit, axe_source, axe_violations


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


def test_after_one_visit_the_checker_pages_and_search_work_offline(context: BrowserContext, built_site: Path,
                                                                   site_url: str):
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("link", name="Check an incident").first.click()
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    assert wait_until_controlled(page) == site_url + "sw.js"
    name, files = expected_cache(built_site, site_url)
    assert {cache: set(urls) for cache, urls in cached(page).items()} == {name: files}

    context.set_offline(True)
    failed: list[str] = []
    # Offline, a request the service worker cannot answer fails (net::ERR_INTERNET_DISCONNECTED);
    # one that a navigation cancels (the browser's favicon fetch as the test moves on) is not offline's doing.
    context.on("requestfailed", lambda request: None if request.failure == "net::ERR_ABORTED"
               else failed.append(f"{request.url} ({request.failure})"))
    page.close()
    page = context.new_page()  # a new tab: the whole page and its checker come from the worker
    response = page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    assert response is not None and response.ok and response.from_service_worker
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    expect(page.locator('[data-status][data-framework="yjb-csppi-2017"]')).to_have_attribute("data-status", "notify")
    for path, heading in (("guidance/kirklees-kscp/", "Serious Incidents, Local Serious Child Safeguarding"),
                          ("definitions/seriously-harmed/", "Seriously harmed")):
        response = page.goto(site_url + path)
        assert response is not None and response.ok and response.from_service_worker, path
        expect(page.locator("article h1")).to_contain_text(heading)
    # Compare by instant navigation (Material fetches the page from script), diagrams drawn
    page.locator(".md-tabs__link", has_text="Compare").click()
    expect(page.locator("article h1")).to_contain_text("Compare the frameworks")
    expect(page.locator("div.mermaid").first).to_be_visible()
    expect(page.locator("pre.mermaid")).to_have_count(0)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("custody", delay=5)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    # a page this build does not have: the cached "not found" page, not the browser's offline error
    response = page.goto(site_url + "no-such-page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_contain_text("404 - Not found")
    assert [url for url in failed if "no-such-page" not in url] == []


# Answers the page itself gives every 400 ms for 4 s (in the page, so that a
# slow test runner cannot space them out), noting whether the service worker
# had been registered by the time of each.
ANSWERING = """async () => {
  const radios = [...document.querySelectorAll('input[name="abuse_or_neglect"]')];
  const registered = [];
  for (let i = 0; i < 10; i++) {
    const radio = radios[i % radios.length];
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    registered.push(Boolean(await navigator.serviceWorker.getRegistration()));
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  return registered;
}"""


def test_the_offline_copy_waits_for_a_pause_in_the_answers(context: BrowserContext, site_url: str):
    # Installing it takes the CPU for seconds: not while the reader is answering.
    page = context.new_page()
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate(ANSWERING) == [False] * 10
    assert wait_until_controlled(page) == site_url + "sw.js"


def test_every_file_a_page_loads_is_precached(site_tour: list[Visit], built_site: Path, site_url: str):
    """Every request of a visit to every page (the checker's worker's too) is
    for a file the service worker keeps, so nothing is missing offline."""
    listed = {entry.url for entry in service_worker.manifest(built_site)} | {service_worker.SERVICE_WORKER}
    asked = {path for visit in site_tour for url in visit.requests if (path := site_path(site_url, url))}
    assert any(path.endswith(".wasm") for path in asked), "the checker's runtime was never requested"
    assert sorted(asked - listed) == []


@pytest.fixture
def second_site(built_site: Path, tmp_path: Path):
    """A copy of the built site on its own origin, to deploy a new build to."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_new_build_is_offered_with_updated_reload(context: BrowserContext, second_site, scheme: str):
    site, base = second_site
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(base + "about/")
    wait_until_controlled(page)
    old_cache = service_worker.cache_name(service_worker.manifest(site))
    notice = page.locator(".tc-update")
    expect(notice.get_by_role("button")).to_have_count(0)

    # a new build: one page changes, and so the service worker's manifest
    about = site / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("About Threshold", "About Threshold, build 2"),
                     encoding="utf-8")
    service_worker.write_service_worker(site)
    new_cache = service_worker.cache_name(service_worker.manifest(site))
    assert new_cache != old_cache
    page.reload()  # the old build still answers; the browser finds the new worker and installs it
    expect(page.locator("article h1")).not_to_contain_text("build 2")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_have_text("Updated: reload")
    assert [v["id"] for v in axe_violations(page, axe_source(), "/about/")] == []

    button = notice.get_by_role("button", name="reload")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_contain_text("About Threshold, build 2")
    expect(notice.get_by_role("button")).to_have_count(0)
    assert list(cached(page)) == [new_cache]  # the old build's cache is gone
