"""The Worked examples page: filtered in the page by framework, outcome and
kind of incident, with no server and nothing stored."""

from __future__ import annotations

from playwright.sync_api import Page, expect

import checker
from scripts.build.rules_files import example_cases


def _expected(framework: str, status: str, kind: str) -> int:
    count = 0
    for case in example_cases():
        result = {f["id"]: f["status"] for f in checker.evaluate({"answers": case["answers"]})["frameworks"]
                  if f["id"] in case["expect"]}
        kinds = set(case["answers"].get("what_happened", [])) | (
            {"charged"} if set(case["answers"].get("charged_with", [])) - {"none"} else set())
        count += framework in result and status in result.values() and kind in kinds
    return count


def test_the_examples_filter_by_framework_outcome_and_kind(page: Page, site_url: str):
    page.goto(site_url + "examples/")
    form = page.locator("[data-example-filter]")
    expect(form).to_be_visible()
    total = page.locator(".tc-example").count()
    expect(form.locator(".tc-example-count")).to_have_text(f"All {total} examples shown.")
    form.get_by_label("Framework").select_option("england-national")
    form.get_by_label("Outcome").select_option("notify")
    form.get_by_label("Kind of incident").select_option("died")
    expected = _expected("england-national", "notify", "died")
    assert 0 < expected < total
    expect(form.locator(".tc-example-count")).to_have_text(f"{expected} of {total} examples shown.")
    shown = page.locator(".tc-example:not([hidden])")
    expect(shown).to_have_count(expected)
    # The table of contents lists the examples shown, and only those.
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary .md-nav__item:not([hidden]) > .md-nav__link")
    expect(toc).to_have_count(expected)
    ids = [shown.nth(index).locator("h2").get_attribute("id") for index in range(expected)]
    assert [link.split("#")[1] for link in toc.evaluate_all("links => links.map((a) => a.getAttribute('href'))")] == ids
    for index in range(expected):
        example = shown.nth(index)
        assert "england-national" in example.get_attribute("data-frameworks").split()
        assert "died" in example.get_attribute("data-kinds").split()
        assert "notify" in example.get_attribute("data-outcomes").split()
    form.get_by_label("Kind of incident").select_option("")
    form.get_by_label("Outcome").select_option("")
    form.get_by_label("Framework").select_option("")
    expect(toc).to_have_count(total)
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
