"""Integrity: a crawler over the built site.

(a) Every internal <a href>, <link href>, <script src> and <img src> of every
    page points at a file that exists, and every #fragment at an element with
    that id (or name) on the target page, and no id is given twice on a page
    (a link to the second would open the first); links into the checker whose
    fragment is a set of answers name real questions.  The search index's
    locations and the links the checker writes into its results are checked
    the same way.
(b) Every page loads in Chromium without a console error or a page error,
    the checker included, after it has booted and shown results.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT
from tests.tour import DIED_ON_CASELOAD, Visit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}
CHECKER_PAGE = "check/index.html"
# The origin the built pages name in absolute links (canonical URLs): mkdocs.yml's site_url.
SITE_URL = "http://127.0.0.1:8000/"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.anchors: set[str] = set()
        self.duplicates: list[str] = []  # ids given to more than one element
        self.questions: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            if values["id"] in self.anchors:
                self.duplicates.append(values["id"])
            self.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.anchors.add(values["name"])
        if "data-question" in values:
            self.questions.add(values["data-question"])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.links.append((tag, values[wanted]))


@dataclass
class SitePage:
    links: list[tuple[str, str]]
    anchors: set[str]
    questions: set[str] = field(default_factory=set)
    duplicates: list[str] = field(default_factory=list)


@dataclass
class Crawl:
    site: Path
    pages: dict[str, SitePage] = field(default_factory=dict)  # by path relative to the site
    links: int = 0
    anchors: int = 0
    answer_links: int = 0
    external: set[str] = field(default_factory=set)
    broken: list[str] = field(default_factory=list)

    def page(self, relative: str) -> SitePage | None:
        if relative not in self.pages:
            path = self.site / relative
            if path.suffix != ".html" or not path.is_file():
                return None
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            self.pages[relative] = SitePage(parser.links, parser.anchors, parser.questions, parser.duplicates)
        return self.pages[relative]

    def target_file(self, url_path: str) -> str | None:
        """The site file a URL path is served from, as a static host would, or None."""
        relative = unquote(url_path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return relative if (self.site / relative).is_file() else None

    def check(self, source: str, url: str, what: str) -> None:
        """Check one link found on page `source` (a path like `guidance/index.html`)."""
        base = SITE_URL + source
        absolute = urljoin(base, url)
        parts = urlsplit(absolute)
        if parts.scheme in ("mailto", "tel", "data", "blob"):
            return
        if f"{parts.scheme}://{parts.netloc}/" != SITE_URL:
            self.external.add(absolute)
            return
        self.links += 1
        target = self.target_file(parts.path)
        if target is None:
            self.broken.append(f"{source}: {what} {url!r} -> /{unquote(parts.path).lstrip('/')} does not exist")
            return
        if not parts.fragment:
            return
        fragment = unquote(parts.fragment)
        page = self.page(target)
        if page is None:
            self.broken.append(f"{source}: {what} {url!r} has a fragment but {target} is not a page")
        elif target == CHECKER_PAGE and "=" in fragment:
            self.answer_links += 1
            unknown = [pair.split("=", 1)[0] for pair in fragment.split("&")
                       if pair.split("=", 1)[0] not in page.questions]
            if unknown:
                self.broken.append(f"{source}: {what} {url!r}: no question {unknown} on the checker")
        else:
            self.anchors += 1
            if fragment not in page.anchors:
                self.broken.append(f"{source}: {what} {url!r}: no id or name {fragment!r} on {target}")


def html_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def crawl(built_site: Path) -> Crawl:
    crawl = Crawl(built_site)
    for relative in html_files(built_site):
        for tag, url in crawl.page(relative).links:
            crawl.check(relative, url, f"<{tag}>")
    return crawl


def test_no_page_gives_one_id_to_two_elements(crawl: Crawl):
    assert len(crawl.pages) > 60, f"too few pages parsed: {len(crawl.pages)}"
    twice = [f"{relative}: id {anchor!r}" for relative, page in sorted(crawl.pages.items()) for anchor in page.duplicates]
    assert twice == [], f"{len(twice)} id(s) given to more than one element:\n" + "\n".join(twice)


def test_no_internal_link_or_anchor_is_broken(crawl: Crawl):
    pages = len(html_files(crawl.site))
    counts = (f"{pages} pages, {crawl.links} internal links, {crawl.anchors} anchors, "
              f"{crawl.answer_links} links with checker answers, {len(crawl.external)} external links (not followed)")
    print(f"\ncrawled {counts}")
    assert pages > 60, f"too few pages built: {counts}"
    assert crawl.links > 1000 and crawl.anchors > 100, f"the crawler found too little to check: {counts}"
    assert crawl.broken == [], f"{len(crawl.broken)} broken link(s) or anchor(s) in {counts}:\n" + "\n".join(crawl.broken)


def test_the_search_index_points_at_real_pages_and_anchors(crawl: Crawl):
    index = json.loads((crawl.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) > 100, "the search index is nearly empty"
    before = len(crawl.broken)
    for location in locations:
        crawl.check("index.html", location, "search location")
    broken = crawl.broken[before:]
    print(f"\nsearch index: {len(locations)} locations checked")
    assert broken == [], f"{len(broken)} of {len(locations)} search locations are broken:\n" + "\n".join(broken)


def test_the_checkers_result_links_point_at_real_anchors(page: Page, site_url: str, crawl: Crawl):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(page.locator("[data-framework]").first).to_be_visible()
    hrefs = page.locator(".tc-results a[href]").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) > 10, f"only {len(hrefs)} links in the checker's results"
    before = len(crawl.broken)
    for href in hrefs:
        crawl.check(CHECKER_PAGE, SITE_URL + href[len(site_url):], "result link")
    broken = crawl.broken[before:]
    print(f"\nchecker results: {len(hrefs)} links checked")
    assert broken == [], f"{len(broken)} of {len(hrefs)} result links are broken:\n" + "\n".join(broken)


def test_every_page_loads_without_console_or_page_errors(site_tour: list[Visit]):
    errors = [line for visit in site_tour for line in visit.errors]
    warnings = [line for visit in site_tour for line in visit.warnings]
    booted = [visit.path for visit in site_tour if visit.checker]
    print(f"\nloaded {len(site_tour)} pages in Chromium ({len(booted)} with a checker, waited for until booted): "
          f"{len(errors)} console/page error(s), {len(warnings)} warning(s)")
    for line in warnings:
        print("  " + line)
    assert "check/" in booted, "the checker page was not waited for"
    assert errors == [], f"{len(errors)} error(s) on {len(site_tour)} pages:\n" + "\n".join(errors)
