"""Search (Material's built-in, local lunr index): the words practitioners
type land on the right page, typed into the search box of the built site."""

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]


def test_there_are_enough_queries():
    assert len(QUERIES) >= 25


def _results(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=5)
    items = page.locator(".md-search-result__item > .md-search-result__link")
    expect(items.first).to_be_visible(timeout=10_000)
    hrefs = items.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    # drop the ?h=... highlight parameter Material adds, keep any #anchor
    return [href.replace(site_url, "").split("?")[0] + ("#" + href.split("#", 1)[1] if "#" in href else "")
            for href in hrefs]


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_lands_on_the_right_section(case, page: Page, site_url: str):
    results = _results(page, site_url, case["query"])
    top = results[: case["top"]]
    assert case["expect"] in top, f"{case['query']!r}: top {case['top']} were {top}"


def test_an_unrelated_query_does_not_find_the_target(page: Page, site_url: str):
    # Guard: the comparison can fail.
    assert "definitions/terrorism-related-offence/" not in _results(page, site_url, "overdose")[:3]
