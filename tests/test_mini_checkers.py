"""The small checkers on the definition pages that are tests (terrorism,
potentially life-threatening injury, MAPPA serious case review), in
Chromium: each worked example of a definition, answered on its page, shows
the same result as the checker in CPython."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import pytest
from playwright.sync_api import Page, expect

import checker
from checker._model import Question
from scripts.chromium import BOOT_TIMEOUT_MS
from scripts.build.rules_files import example_cases

CASES_DIR = Path(__file__).resolve().parent.parent / "rules" / "examples" / "definition-tests"
CASES = example_cases(CASES_DIR)
assert CASES, "no definition-test examples found"


def set_answers(root, questions: Sequence[Question], answers: dict[str, Any]) -> None:
    """Answer every question of a small checker, "Don't know" where *answers* is silent."""
    for question in questions:
        value = answers.get(question.id, "unknown")
        wanted = [{True: "yes", False: "no"}.get(v, v) for v in (value if isinstance(value, list) else [value])]
        boxes = root.locator(f'input[name="{question.id}"]')
        for index in range(boxes.count()):
            box = boxes.nth(index)
            if box.get_attribute("type") == "radio":
                if box.get_attribute("value") in wanted:
                    box.check()
            else:
                box.set_checked(box.get_attribute("value") in wanted)


def test_every_definition_test_has_a_small_checker_on_its_page(page: Page, site_url: str, rules):
    assert rules.definition_tests
    for test_id, test in rules.definition_tests.items():
        page.goto(site_url + f"definitions/{test_id}/")
        root = page.locator(f'[data-checker][data-test="{test_id}"]')
        expect(root).to_be_visible()
        for question in test.questions:
            expect(root.locator(f'fieldset[data-question="{question.id}"] legend')).to_have_text(
                " ".join(question.text.split()))


@pytest.mark.parametrize("test_id", sorted({c["definition"] for c in CASES}))
def test_the_definition_examples_answered_on_the_page_give_the_cpython_results(page: Page, site_url: str,
                                                                               rules, test_id: str):
    page.goto(site_url + f"definitions/{test_id}/")
    root = page.locator("[data-checker]")
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    cases = [case for case in CASES if case["definition"] == test_id]
    for case in cases:
        expected = checker.check_definition(test_id, {"answers": case["answers"]}, rules)
        set_answers(root, rules.definition_tests[test_id].questions, case["answers"])
        result = root.locator(f'[data-test="{test_id}"]')
        holds = {True: "true", False: "false", None: "null"}[expected["holds"]]
        expect(result, case["name"]).to_have_attribute("data-holds", holds)
        expect(result.locator(".tc-status")).to_have_text(expected["outcome"])
        expect(root.locator(".tc-summary")).to_contain_text(expected["outcome"])
    # (Material's navigation.tracking may put a heading's anchor there; never answers)
    assert "=" not in page.url.partition("#")[2], "a definition page's small checker must not write answers"


def test_a_small_checkers_open_why_stays_open_when_an_answer_changes(page: Page, site_url: str, rules):
    test_id = "potentially-life-threatening-injury"
    page.goto(site_url + f"definitions/{test_id}/")
    root = page.locator("[data-checker]")
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    result = root.locator(f'[data-test="{test_id}"]')
    expect(result).to_have_attribute("data-holds", "null")
    result.locator(".tc-reasons > summary").click()
    question = rules.definition_tests[test_id].questions[0]
    root.locator(f'input[name="{question.id}"]').first.check()
    expect(result).not_to_have_attribute("data-holds", "null")
    expect(result.locator(".tc-reasons")).to_have_attribute("open", "")
