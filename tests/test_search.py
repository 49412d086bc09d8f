"""Search (Material's built-in, local lunr index): the words practitioners
type land on the right page, typed into the search box of the built site."""

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.tour import patient

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]


def test_there_are_enough_queries():
    assert len(QUERIES) >= 25


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str):
    """One page for all the queries: each page load rebuilds Material's index,
    which on a slow machine costs more than the queries themselves."""
    context = patient(browser.new_context())
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.locator("input.md-search__input").click()
    yield page
    context.close()


def _results(page: Page, site_url: str, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    items = page.locator(".md-search-result__item > .md-search-result__link")
    # Material reads the box on keyup: set the text, then a key that changes
    # nothing, so that one search runs with the whole query (typing letter by
    # letter would leave the results of a prefix on screen for a moment).
    box.fill("")
    box.press("End")
    expect(items).to_have_count(0)
    box.fill(query)
    box.press("End")
    expect(items.first).to_be_visible(timeout=30_000)
    hrefs = items.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    # drop the ?h=... highlight parameter Material adds, keep any #anchor
    return [href.replace(site_url, "").split("?")[0] + ("#" + href.split("#", 1)[1] if "#" in href else "")
            for href in hrefs]


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_lands_on_the_right_section(case, search_page: Page, site_url: str):
    results = _results(search_page, site_url, case["query"])
    top = results[: case["top"]]
    # `expect` lists the acceptable sections; a target without #anchor accepts the page or any section of it.
    def hit(target: str) -> bool:
        return any(r == target or ("#" not in target and r.split("#")[0] == target) for r in top)
    assert any(hit(target) for target in case["expect"]), f"{case['query']!r}: top {case['top']} were {top}"


def test_an_unrelated_query_does_not_find_the_target(search_page: Page, site_url: str):
    # Guard: the comparison can fail.
    assert "definitions/terrorism-related-offence/" not in _results(search_page, site_url, "overdose")[:3]
