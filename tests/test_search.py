"""Search, typed into the search box of the built site in Chromium: the
project's own practitioner queries (tests/search_queries.yaml) land on their
sections (SPEC section 8: at least 95 %), snippets show the guidance, short
function words match nothing by themselves, and a query naming an incident
offers "Check this incident" first, which opens the checker with the answer
given."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS
from tests.conftest import SEARCH_FIGURES
from tests.tour import patient

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
HIT_RATE = 0.95  # SPEC section 8


def test_the_query_set_is_big_and_varied_enough():
    assert len(QUERIES) >= 60, "issue 13 asks for at least 60 practitioner queries"
    assert len({q["query"].lower() for q in QUERIES}) == len(QUERIES), "a query is listed twice"
    for case in QUERIES:
        assert case["expect"] and case["top"] in (3, 5) and case["who"], case


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str):
    """One page for all the queries: each page load sets the search index up
    again, which on a slow machine costs more than the queries themselves."""
    context = patient(browser.new_context())
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.locator("input.md-search__input").click()
    yield page
    context.close()


def results(page: Page, site_url: str, query: str) -> list[list[str]]:
    """The result list as it is shown: one item per page, each the links
    shown in it (the page, then its best sections; those folded behind
    "N more" left out), as site paths with any #anchor."""
    box = page.locator("input.md-search__input")
    items = page.locator(".md-search-result__item")
    meta = page.locator(".md-search-result__meta")
    # Material reads the box on keyup: set the text, then a key that changes
    # nothing, so that one search runs with the whole query.
    box.fill("")
    box.press("End")
    expect(meta).to_have_text(re.compile("Type to start searching"))
    expect(items).to_have_count(0)
    box.fill(query)
    box.press("End")
    # The answer to this query has arrived when the placeholder has gone.
    expect(meta).not_to_have_text(re.compile("Type to start searching|Initializing"))
    groups = items.evaluate_all(
        "items => items.map(item => [...item.querySelectorAll(':scope > .md-search-result__link')].map(a => a.href))")
    return [[unquote(re.sub(r"\?h=[^#]*", "", href.replace(site_url, ""))) for href in group] for group in groups]


def ranked(groups: list[list[str]]) -> list[list[str]]:
    """The results that count towards a query's top 3 or 5: "Check this
    incident" is an action offered above them, not a section."""
    return [group for group in groups if not group[0].startswith("check/#")]


def page_anchors(built_site: Path) -> dict[str, str]:
    """The id of each page's first heading: Material indexes that section
    as the page itself, so a target at that anchor is the page."""
    anchors = {}
    for html in built_site.rglob("index.html"):
        found = re.search(r'<h1 id="([^"]+)"', html.read_text(encoding="utf-8"))
        if found:
            page = html.parent.relative_to(built_site).as_posix()
            anchors[("" if page == "." else page + "/") + "#" + found.group(1)] = "" if page == "." else page + "/"
    return anchors


def hit(targets: list[str], top: list[list[str]], first_headings: dict[str, str]) -> bool:
    """Any target shown in the *top* results: a target without #anchor
    accepts its page or any section of it; one at a page's first heading
    accepts the page."""
    shown = [link for group in top for link in group]
    for target in targets:
        target = first_headings.get(target, target)
        if any(r == target or ("#" not in target and r.split("#")[0] == target) for r in shown):
            return True
    return False


def test_practitioner_queries_land_on_their_sections(request, search_page: Page, site_url: str, built_site: Path):
    first_headings = page_anchors(built_site)
    index = {d["location"] for d in json.loads((built_site / "search" / "search_index.json").read_text())["docs"]}
    misses = []
    for case in QUERIES:
        for target in case["expect"]:  # a target the site does not have would be a miss for the wrong reason
            assert first_headings.get(target, target) in index, f"{case['query']!r}: no such section {target}"
        top = ranked(results(search_page, site_url, case["query"]))[: case["top"]]
        if not hit(case["expect"], top, first_headings):
            misses.append(f"  {case['query']!r} ({case['who']}): wanted {case['expect']}, top {case['top']}: {top}")
    rate = 1 - len(misses) / len(QUERIES)
    request.config.stash[SEARCH_FIGURES] = (
        f"search: {len(QUERIES) - len(misses)} of {len(QUERIES)} practitioner queries ({rate:.1%}) land in their "
        f"top 3-5 (target {HIT_RATE:.0%})" + ("; misses:\n" + "\n".join(misses) if misses else ""))
    assert rate >= HIT_RATE, request.config.stash[SEARCH_FIGURES]


def test_the_comparison_can_fail(search_page: Page, site_url: str, built_site: Path):
    top = ranked(results(search_page, site_url, "overdose"))[:3]
    assert not hit(["definitions/terrorism-related-offence/"], top, page_anchors(built_site))


def test_short_function_words_match_nothing_by_themselves(search_page: Page, site_url: str):
    for query in ("in", "of the", "by a"):
        assert results(search_page, site_url, query) == [], query


def test_everyday_words_with_function_words_rank_the_incident_first(search_page: Page, site_url: str):
    first = ranked(results(search_page, site_url, "child in care died"))[0]
    death_in_care = ("guidance/nel-cspr/notifications/#death-of-a-looked-after-child-or-care-leaver",
                     "guidance/kirklees-kscp/serious-incident-notification/#what-is-a-serious-incident",
                     "definitions/looked-after-child-and-care-leaver/")
    assert any(link in death_in_care for link in first), first


def test_snippets_show_the_guidance_not_the_source_box(search_page: Page, site_url: str):
    results(search_page, site_url, "rapid review within 15 working days")
    texts = search_page.locator(".md-search-result__article").all_inner_texts()
    assert texts and all("Issued by" not in t and "Source document" not in t for t in texts)
    assert any("rapid review" in t.lower() for t in texts)


def test_a_typo_in_a_long_word_still_finds_it(search_page: Page, site_url: str):
    top = ranked(results(search_page, site_url, "terrorisim charge"))[:5]
    assert any("terrorism-related-offence" in link for group in top for link in group), top


def test_a_query_naming_an_incident_offers_the_checker_first(search_page: Page, site_url: str):
    first = results(search_page, site_url, "child stabbed on supervision")[0][0]
    assert first.startswith("check/#") and "weapon_injury" in first, first
    assert "Check this incident" in search_page.locator(".md-search-result__item").first.inner_text()


def test_check_this_incident_opens_the_checker_with_the_answer_given(browser: Browser, site_url: str):
    context = patient(browser.new_context())
    page = context.new_page()
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("overdosed", delay=5)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    expect(first).to_contain_text("Check this incident")
    first.click()
    expect(page).to_have_url(re.compile(r"/check/.*#"))
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    fragment = page.evaluate("location.hash")
    question, _, value = fragment.lstrip("#").partition("=")
    for option in unquote(value).split(","):
        expect(page.locator(f'input[name="{question}"][value="{option}"]')).to_be_checked()
    context.close()
