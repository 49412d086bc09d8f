"""The checker by keyboard alone, as a screen-reader or switch user drives it:
worked examples are entered with Tab, arrow keys, Space and typing only, from
the first question to the printed record, and the page must then show the
same statuses and due dates as the command-line checker."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS
from scripts.build.rules_files import example_cases

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = {q["id"]: q for q in yaml.safe_load((ROOT / "rules" / "questions.yaml").read_text())["questions"]}


CASES = example_cases()


def _first(predicate) -> dict[str, Any]:
    return next(case for case in CASES if predicate(case["answers"]))


# Several examples, chosen so that between them every kind of control is
# driven: a date and time, plain dates, a number, radios, ticks.
CHOSEN = {
    "died on the caseload": _first(lambda a: a.get("what_happened") == ["died"] and "aware_at" in a),
    "supervision had ended": _first(lambda a: "supervision_end_date" in a),
    "review decided on a date": _first(lambda a: "decision_date" in a and a.get("area") == "kirklees"),
    "age given": _first(lambda a: "age" in a),
    "MAPPA offender charged": _first(lambda a: "mappa_level_at_offence" in a),
}


def cli(answers: dict[str, Any]) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "checker", "evaluate", "-", "--json"], cwd=ROOT,
                            input=json.dumps({"answers": answers}), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus (read only: the test never clicks)."""
    return page.evaluate("""() => {
        const e = document.activeElement, fieldset = e.closest('.tc-question');
        return {tag: e.tagName, type: e.type || '', value: e.value || '', checked: !!e.checked,
                unknown: e.classList.contains('tc-unknown'), in_form: !!e.closest('.tc-form'),
                question: fieldset ? fieldset.dataset.question : null,
                text: (e.textContent || '').trim(), key: e.outerHTML};
    }""")


def wanted_values(answer: Any, question: dict[str, Any]) -> list[str]:
    """The form values that stand for *answer* (SPEC section 5's fragment values)."""
    if answer is None:
        return ["unknown"]
    if question["type"] == "yesno":
        return ["yes" if answer else "no"]
    return [str(v) for v in answer] if isinstance(answer, list) else [str(answer)]


def date_keys(iso: str) -> str:
    # Chromium here lays date fields out month/day/year whatever the locale;
    # the value is checked after typing, so a different layout fails loudly.
    year, month, day = iso.split("-")
    return month + day + year


def time_keys(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return f"{hour % 12 or 12:02d}{minute:02d}" + ("A" if hour < 12 else "P")


def tab_away(page: Page, start: str) -> None:
    # A date field takes several Tabs (one per part) before focus leaves it.
    for _ in range(8):
        page.keyboard.press("Tab")
        if focused(page)["key"] != start:
            return
    raise AssertionError(f"focus is stuck on {start[:80]}")


def _answer_control(page: Page, here: dict[str, Any], answers: dict[str, Any]) -> None:
    question_id = here["question"]
    question = QUESTIONS.get(question_id or "", {})
    answer = answers.get(question_id)
    if here["unknown"]:
        if here["checked"] != (answer is None):
            page.keyboard.press("Space")
    elif here["type"] == "radio":
        values = page.evaluate("name => [...document.getElementsByName(name)].map(r => r.value)", question_id)
        target = values.index(wanted_values(answer, question)[0])
        for _ in range((target - values.index(here["value"])) % len(values)):
            page.keyboard.press("ArrowDown")
    elif here["type"] == "checkbox":
        if here["checked"] != (here["value"] in wanted_values(answer, question)):
            page.keyboard.press("Space")
    elif here["type"] in ("date", "datetime-local") and answer is not None and not here["value"].startswith(str(answer)):
        day, _, clock = str(answer).partition("T")
        page.keyboard.type(date_keys(day))
        if clock:
            page.keyboard.press("Tab")
            page.keyboard.type(time_keys(clock))
        expect(page.locator(f"#input-{question_id}")).to_have_value(str(answer))
    elif here["type"] == "number" and answer is not None and here["value"] != str(answer):
        page.keyboard.type(str(answer))


def answer_by_keyboard(page: Page, answers: dict[str, Any]) -> list[str]:
    """Tab from the top of the page through the whole form, answering each
    control met on the way, then back up with Shift+Tab and through again,
    until a pass meets no new question (an answer can make further questions
    matter, and the page then shows them); returns the questions visited."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["in_form"]:
            break
    else:
        raise AssertionError("Tab never reached the form")
    visited: list[str] = []
    for _ in range(8):
        met = len(visited)
        while (here := focused(page))["in_form"]:
            if here["question"] and here["question"] not in visited:
                visited.append(here["question"])
            _answer_control(page, here, answers)
            tab_away(page, here["key"])
        expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
        if len(visited) == met:
            return visited
        for _ in range(400):  # back to the top of the form
            page.keyboard.press("Shift+Tab")
            if not focused(page)["in_form"]:
                break
        page.keyboard.press("Tab")
    raise AssertionError("the form kept showing new questions")


# Every chosen example in the light scheme, and the first in the dark one too.
KEYBOARD_RUNS = [(case, "light") for case in CHOSEN.values()] + [(next(iter(CHOSEN.values())), "dark")]


@pytest.mark.parametrize("case, scheme", KEYBOARD_RUNS, ids=[*CHOSEN.keys(), f"{next(iter(CHOSEN))} (dark)"])
def test_a_worked_example_entered_by_keyboard_gives_the_cli_verdict(page: Page, site_url: str, case: dict[str, Any],
                                                                     scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.add_init_script("window.print = () => { document.documentElement.dataset.printed = 'yes'; };")
    page.goto(site_url + "check/")
    # The page shows the questions that matter once the checker has said which.
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
    answers = case["answers"]
    visited = answer_by_keyboard(page, answers)
    shown = page.evaluate("[...document.querySelectorAll('.tc-question')].filter(f => !f.hidden)"
                          ".map(f => f.dataset.question)")
    assert set(shown) <= set(visited), f"never reached {sorted(set(shown) - set(visited))}"
    # Answering only what the page showed gives the verdict of all the example's answers.
    expected = cli(answers)
    assert expected["frameworks"], "the CLI decided nothing"
    for framework in expected["frameworks"]:
        result = page.locator(f'[data-status][data-framework="{framework["id"]}"]')
        expect(result).to_have_attribute("data-status", framework["status"])
        for obligation in framework["obligations"]:
            item = result.locator(f'[data-obligation="{obligation["id"]}"]')
            if obligation["due"]:
                expect(item).to_have_attribute("data-due", obligation["due"])
            else:
                expect(item).not_to_have_attribute("data-due", re.compile("."))
    expect(page.locator(".tc-summary")).to_contain_text("Results updated")

    # On to the record: Tab to the print button and press Enter.
    for _ in range(200):
        page.keyboard.press("Tab")
        if "tc-print" in focused(page)["key"]:
            break
    else:
        raise AssertionError("Tab never reached 'Print / save record'")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-printed", "yes")
    page.emulate_media(media="print")
    record = page.locator(".tc-record")
    expect(record).to_be_visible()
    expect(page.locator(".tc-form")).to_be_hidden()
    expect(record).to_contain_text(expected["rules_version"])
    first_question = QUESTIONS[next(q for q in visited if q in answers)]["text"].strip()
    expect(record).to_contain_text(first_question.split("?")[0])
