"""Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no
violation on any page of the built site, nor in the states that only appear
after interaction: the checker's results, the search overlay with results,
and the pages whose details and diagrams are opened.

axe is injected with ``page.evaluate`` (it works under the site's
Content-Security-Policy, where a <script> tag would be blocked), from the
npm package pinned in package-lock.json.  No rule is switched off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT
from tests.tour import DIED_ON_CASELOAD, Visit, axe_source as read_axe, axe_violations, built_pages


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Reduced motion: axe reads colours as they are at that instant, and a
    fading button (Material's "Back to top", shown when the page scrolls up)
    is half transparent mid-fade. The site honours the setting (threshold.css)."""
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return read_axe()


def report(violations: list[dict]) -> str:
    lines = []
    by_rule: dict[str, int] = {}
    for violation in violations:
        by_rule[violation["id"]] = by_rule.get(violation["id"], 0) + len(violation["nodes"])
        lines.append(f"{violation['page']}: {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"    {' >> '.join(node['target'])}  -- {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more element(s)")
    totals = ", ".join(f"{rule}: {count}" for rule, count in sorted(by_rule.items()))
    return f"{len(violations)} violation(s) (elements by rule: {totals}):\n" + "\n".join(lines)


def test_every_page_has_no_axe_violation(site_tour: list[Visit]):
    violations = [violation for visit in site_tour for violation in visit.violations]
    print(f"\naxe checked {len(site_tour)} pages: {len(violations)} violation(s)")
    if violations:  # pytest.fail: the report alone, without a diff of the whole list
        pytest.fail(f"axe on {len(site_tour)} pages: " + report(violations), pytrace=False)


def test_the_checker_with_results_has_no_axe_violation(page: Page, site_url: str, axe_source: str):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    results = page.locator("[data-framework]")
    expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
    expect(results.first).to_be_visible()
    assert results.count() >= 3, "too few framework results to be a real check"
    violations = axe_violations(page, axe_source, "/check/ (results)")
    # the reasons, opened
    summaries = page.locator(".tc-results details > summary")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    expect(page.locator(".tc-results details[open]").first).to_be_visible()
    violations += axe_violations(page, axe_source, "/check/ (results, reasons open)")
    # a question answered "unknown" so that "Still unknown" links appear
    page.locator('fieldset[data-question="incident_in_custody"]').get_by_label("Don't know", exact=False).check()
    expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
    expect(page.locator(".tc-missing").first).to_be_visible()
    violations += axe_violations(page, axe_source, "/check/ (results with unknowns)")
    if violations:
        pytest.fail(report(violations), pytrace=False)


def test_the_small_checkers_with_their_results_have_no_axe_violation(page: Page, built_site: Path, site_url: str,
                                                                     axe_source: str):
    """The definition pages that carry a small checker, once it has answered."""
    pages = [path for path in built_pages(built_site)
             if path.endswith("/")
             and 'data-checker data-test="' in (built_site / path / "index.html").read_text(encoding="utf-8")]
    assert pages, "no definition page has a small checker"
    violations: list[dict] = []
    for path in pages:
        page.goto(site_url + path)
        expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
        result = page.locator("[data-checker] article[data-test]")
        expect(result).to_be_visible()
        result.locator("details > summary").first.click()
        violations += axe_violations(page, axe_source, f"/{path} (small checker answered, reasons open)")
    if violations:
        pytest.fail(report(violations), pytrace=False)


def test_the_search_overlay_with_results_has_no_axe_violation(page: Page, site_url: str, axe_source: str):
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("custody", delay=5)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible(timeout=10_000)
    assert items.count() >= 3, "the search found too little to test its results list"
    violations = axe_violations(page, axe_source, "/ (search overlay: custody)")
    if violations:
        pytest.fail(report(violations), pytrace=False)


@pytest.mark.parametrize("path", ["examples/", "compare/"])
def test_opened_details_and_diagrams_have_no_axe_violation(path: str, page: Page, site_url: str, axe_source: str):
    page.goto(site_url + path, wait_until="load")
    # Mermaid diagrams are drawn after load: Material replaces each <pre class="mermaid">
    # with a <div class="mermaid"> holding the SVG in a closed shadow root.
    diagrams = page.locator(".mermaid").count()
    expect(page.locator("pre.mermaid")).to_have_count(0, timeout=30_000)
    expect(page.locator("div.mermaid")).to_have_count(diagrams)
    summaries = page.locator("article details:not([open]) > summary")
    opened = summaries.count()
    for _ in range(opened):
        page.locator("article details:not([open]) > summary").first.click()
    expect(page.locator("article details:not([open])")).to_have_count(0)
    violations = axe_violations(page, axe_source, f"/{path} ({diagrams} diagrams drawn, {opened} details opened)")
    if violations:
        pytest.fail(report(violations), pytrace=False)


def test_reduced_motion_stops_material_transitions(page: Page, site_url: str):
    """Guard for the fixture above: the setting really reaches the site's CSS."""
    page.goto(site_url)
    durations = page.locator(".md-top").evaluate("e => getComputedStyle(e).transitionDuration")
    assert durations and all(d.strip() == "0.001s" for d in durations.split(",")), durations


# Dark mode follows the device (prefers-color-scheme): one page of each kind,
# and the checker with its results and the verdict, in the dark scheme.
DARK_PAGES = ["", "check/" + DIED_ON_CASELOAD, "compare/", "register/", "disagreements/", "examples/", "glossary/", "about/",
              "guidance/", "guidance/nel-cspr/notifications/", "definitions/", "definitions/terrorism-related-offence/"]


@pytest.mark.parametrize("path", DARK_PAGES, ids=[p.split("#")[0] or "home" for p in DARK_PAGES])
def test_the_dark_scheme_has_no_axe_violation(browser, site_url: str, axe_source: str, path: str):
    context = browser.new_context(color_scheme="dark", reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(site_url + path)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background != "rgb(255, 255, 255)", "the page is not dark"
        if path.startswith("check/"):
            expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
            expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
            expect(page.locator("[data-summary]")).to_be_visible()
        violations = axe_violations(page, axe_source, f"/{path.split('#')[0]} (dark)")
        assert not violations, report(violations)
    finally:
        context.close()
