"""The checker page in headless Chromium, against the built site served
from localhost: the Pyodide runtime and the checker come from our own site."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import checker

from checker._fragment import encode
from checker._summary import summary
from scripts.build.rules_files import example_cases
from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT
from tests.tour import DIED_ON_CASELOAD


def test_a_fragment_becomes_a_verdict(page: Page, site_url: str):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    root = page.locator("[data-checker]")
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    result = page.locator('[data-status][data-framework="yjb-csppi-2017"]')
    expect(result).to_have_attribute("data-status", "notify")
    expect(result.locator('[data-obligation="notify-yjb"]')).to_have_attribute("data-due", "2026-11-23T16:00")
    expect(result.locator('[data-obligation="notify-yjb"]')).to_contain_text("by 16:00 on Monday 23 November 2026")


def test_the_form_is_filled_from_the_fragment_before_python_loads(page: Page, site_url: str):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator('input[name="yot_involvement"][value="statutory_supervision"]')).to_be_checked()
    expect(page.locator('input[name="what_happened"][value="died"]')).to_be_checked()
    expect(page.locator("#input-aware_at")).to_have_value("2026-11-22T16:00")


def test_answers_change_the_verdict_and_the_fragment(page: Page, site_url: str):
    page.goto(site_url + "check/")
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    result = page.locator('[data-status][data-framework="yjb-csppi-2017"]')
    expect(result).to_have_attribute("data-status", "unclear")
    page.get_by_label("Under YOT supervision or on the YOT caseload", exact=False).check()
    page.locator('fieldset[data-question="incident_in_custody"]').get_by_label("No", exact=True).check()
    page.get_by_label("Attempted suicide").check()
    expect(result).to_have_attribute("data-status", "notify")
    expect(page).to_have_url(re.compile(r"what_happened=attempted_suicide"))


def test_questions_are_shown_only_when_relevant(page: Page, site_url: str):
    page.goto(site_url + "check/")
    end_date = page.locator('fieldset[data-question="supervision_end_date"]')
    expect(end_date).to_be_hidden()
    page.get_by_label("YOT supervision had ended before the incident").check()
    expect(end_date).to_be_visible()


def test_instant_navigation_to_the_checker_and_back_keeps_it_working(page: Page, site_url: str):
    page.goto(site_url)
    page.get_by_role("link", name="Check an incident").first.click()
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    page.get_by_role("link", name="About").first.click()
    expect(page.get_by_role("heading", name="About Threshold")).to_be_visible()
    page.go_back()
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)


def test_bad_fragments_are_ignored_with_a_notice(page: Page, site_url: str):
    page.goto(site_url + "check/#colour=red&yot_involvement=sometimes")
    notice = page.locator(".tc-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text('unknown question "colour"')
    expect(notice).to_contain_text('"sometimes" is not an answer to "yot_involvement"')
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)


def test_dates_offer_dont_know_and_a_typed_date_clears_it(page: Page, site_url: str):
    page.goto(site_url + "check/")
    unknown = page.locator('.tc-unknown[data-for="incident_date"]')
    expect(unknown).to_be_checked()
    expect(page.locator('.tc-unknown[data-for="aware_at"]')).not_to_be_checked()  # it starts as now
    page.fill("#input-incident_date", "2026-11-21")
    expect(unknown).not_to_be_checked()
    assert "incident_date=2026-11-21" in page.url
    unknown.check()
    expect(page.locator("#input-incident_date")).to_have_value("")
    assert "incident_date" not in page.url


def test_copy_link_puts_the_answers_link_on_the_clipboard(page: Page, site_url: str):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".tc-action-status")).to_contain_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url and "what_happened=died" in copied


def test_the_printed_record_lists_answers_rules_version_and_date(page: Page, site_url: str):
    page.add_init_script("window.print = () => { document.documentElement.dataset.printed = 'yes'; };")
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(page.locator(".tc-record")).to_be_hidden()  # on screen the record is not shown
    page.get_by_role("button", name="Print / save record").click()
    expect(page.locator("html")).to_have_attribute("data-printed", "yes")
    page.emulate_media(media="print")
    record = page.locator(".tc-record")
    expect(record).to_be_visible()
    version = page.locator("[data-checker]").get_attribute("data-rules-version")
    expect(record.locator(".tc-record-meta")).to_contain_text(version)  # the hash, in the small print
    expect(record.locator(".tc-record-meta")).to_contain_text(re.compile(r"the rules (of \d+ \w+ \d{4}|version)"))
    expect(record.locator(".tc-record-meta dt").first).to_have_text("Checked on")
    expect(record.locator(".tc-record-meta dd").first).to_have_text(re.compile(r"^\w+day \d+ \w+ \d{4} at \d\d:\d\d$"))
    answers = record.locator(".tc-record-answers")
    expect(answers).to_contain_text("What happened to the young person?")
    expect(answers).to_contain_text("Died")
    expect(answers).to_contain_text("16:00 on Sunday 22 November 2026 (UK time)")
    for field in ("Case reference", "Decided by", "Role", "Rationale"):
        expect(record.locator(".tc-record-decision")).to_contain_text(field)
    expect(page.locator(".tc-form")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".tc-intro")).to_be_hidden()  # the on-screen instructions
    expect(page.locator(".tc-historic-group")).to_be_hidden()  # never today's duty
    expect(page.locator("[data-summary]")).to_be_visible()


# One typical worked example of each framework's file: the record of each
# fits on two A4 pages.
PRINT_CASES = [next(case for case in example_cases(path.parent, path.name) if case["expect"])
               for path in sorted((Path(__file__).resolve().parent.parent / "rules" / "examples").glob("*.yaml"))]


@pytest.mark.parametrize("index", range(len(PRINT_CASES)), ids=[c["name"][:50] for c in PRINT_CASES])
def test_the_decision_record_of_a_typical_case_fits_on_two_pages(page: Page, site_url: str, index: int):
    assert len(PRINT_CASES) >= 5
    page.goto(site_url + "check/" + encode(PRINT_CASES[index]["answers"]))
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
    page.emulate_media(media="print")
    expect(page.locator(".tc-record-decision")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"the record takes {pages} A4 pages"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_worked_example_link_shows_its_outcome(page: Page, site_url: str, index: int):
    case = example_cases()[index]
    expected = checker.evaluate({"answers": case["answers"]})
    page.goto(site_url + "examples/")
    page.get_by_role("link", name="Open in the checker").nth(index).click()
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    for framework in expected["frameworks"]:
        result = page.locator(f'[data-status][data-framework="{framework["id"]}"]')
        expect(result).to_have_attribute("data-status", framework["status"])
        for obligation in framework["obligations"]:
            due = result.locator(f'[data-obligation="{obligation["id"]}"]')
            if obligation["due"]:
                expect(due).to_have_attribute("data-due", obligation["due"])
            else:
                expect(due).not_to_have_attribute("data-due", re.compile("."))


# Worked examples whose verdict is a set of actions with due dates, in
# several frameworks: a death in England, in Kirklees, in Wales on the YOT
# caseload.
VERDICT_CASES = [case for case in example_cases()
                 if summary(checker.evaluate({"answers": case["answers"]}), checker.load_rules())["actions"]
                 and any(a["due"] for a in summary(checker.evaluate({"answers": case["answers"]}),
                                                   checker.load_rules())["actions"])][:3]


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("index", range(len(VERDICT_CASES)))
def test_the_verdict_is_in_the_first_viewport_with_the_first_action_and_its_date(
        page: Page, site_url: str, rules, index: int, width: int, height: int):
    case = VERDICT_CASES[index]
    first = summary(checker.evaluate({"answers": case["answers"]}, rules), rules)["actions"][0]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "check/" + encode(case["answers"]))
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    verdict = page.locator("[data-summary]")
    action = verdict.locator("[data-action]").first
    expect(action).to_have_attribute("data-obligation", first["obligation"])
    expect(action).to_have_attribute("data-framework", first["framework"])
    if first["due"]:
        expect(action).to_have_attribute("data-due", first["due"])
    expect(action.locator(".tc-action-text")).to_have_text(first["text"])
    expect(action.get_by_role("link", name="Source")).to_have_attribute("href", re.compile(re.escape(first["cite"]["page"].split("#")[1])))
    box = action.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height, (
        f"the first action is not in the first {width}x{height} viewport: {box}")
    # The summary comes before the first question in document order (SPEC section 5).
    assert page.evaluate("""() => {
        const summary = document.querySelector('[data-summary]');
        const question = document.querySelector('.tc-question');
        return Boolean(summary.compareDocumentPosition(question) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


def test_historic_procedures_are_apart_collapsed_and_never_in_the_verdict(page: Page, site_url: str):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    historic = page.locator('.tc-historic-group [data-status][data-current="false"]')
    expect(historic.first).to_be_hidden()  # collapsed until opened
    assert page.locator('[data-summary] [data-framework="yjb-csppi-2017"]').count() == 0
    page.locator(".tc-historic-group > summary").click()
    expect(historic.first).to_be_visible()
    expect(historic.first.locator(".tc-historic")).to_contain_text("8 May 2018")


KIRKLEES_DEATH = ("#aware_at=2026-11-22T16%3A00&area=kirklees&incident_in_custody=no&age=16&care_status=neither"
                  "&local_review_decided=no&yot_involvement=statutory_supervision&what_happened=died"
                  "&abuse_or_neglect=suspected")


def test_changing_an_answer_keeps_what_the_reader_opened_and_where_they_were(page: Page, site_url: str):
    page.goto(site_url + "check/" + KIRKLEES_DEATH)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    kirklees = page.locator('.tc-results-body [data-framework="kirklees-kscp"]')
    expect(kirklees).to_have_attribute("data-status", "notify")
    # The reader opens the historic group, and the "Why" of Kirklees, and stays on its summary.
    page.locator(".tc-historic-group > summary").click()
    why = kirklees.locator(".tc-reasons > summary")
    why.click()
    expect(why).to_be_focused()
    # A card whose result does not change is the same card, not a new one.
    unchanged = page.locator('.tc-results-body [data-framework="mappa-scr"]')
    unchanged.evaluate("card => { card.dataset.probe = 'kept'; }")
    historic = page.locator('.tc-historic-group [data-framework="yjb-csppi-2017"]')
    historic.evaluate("card => { card.dataset.probe = 'kept'; }")
    # An answer changes while the focus is in the results (the result of an
    # earlier change arriving, or a change made with the mouse).
    page.locator('input[name="abuse_or_neglect"][value="neither"]').evaluate(
        "radio => { radio.checked = true; radio.dispatchEvent(new Event('change', { bubbles: true })); }")
    expect(kirklees).to_have_attribute("data-status", "unclear")
    expect(kirklees.locator(".tc-reasons")).to_have_attribute("open", "")
    expect(page.locator(".tc-historic-group")).to_have_attribute("open", "")
    expect(why).to_be_focused()
    expect(unchanged).to_have_attribute("data-probe", "kept")
    expect(historic).to_have_attribute("data-probe", "kept")
    assert page.locator('.tc-results-body [data-framework="kirklees-kscp"]').count() == 1


def test_result_cards_are_in_order_of_what_to_act_on_first(page: Page, site_url: str):
    page.goto(site_url + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(page.locator(".tc-results-body")).to_have_attribute("aria-busy", "false")
    order = ["notify", "unclear", "consider", "not_required", "not_applicable"]
    shown = page.locator('.tc-results-body > [data-status][data-current="true"]')
    statuses = [shown.nth(i).get_attribute("data-status") for i in range(shown.count())]
    assert len(statuses) >= 3 and statuses == sorted(statuses, key=order.index)


# A worked example whose actions have both kinds of deadline: a moment (24
# hours) and the end of a day (working days), across a clock change if any.
CALENDAR_CASE = next(
    case for case in example_cases()
    if {("T" in (a["due"] or "x")) for a in summary(checker.evaluate({"answers": case["answers"]}),
                                                     checker.load_rules())["actions"] if a["due"]} == {True, False})


def test_the_deadlines_download_as_a_calendar_file_in_uk_time(page: Page, site_url: str):
    from zoneinfo import ZoneInfo

    import icalendar

    page.goto(site_url + "check/" + encode(CALENDAR_CASE["answers"]))
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    button = page.get_by_role("button", name="Add deadlines to calendar (.ics)")
    expect(button).to_be_enabled()
    with page.expect_download() as download_info:
        button.click()
    calendar = icalendar.Calendar.from_ical(download_info.value.path().read_bytes())
    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    actions = page.locator("[data-summary] [data-action][data-due]")
    assert actions.count() >= 2 and len(events) == actions.count()
    london = ZoneInfo("Europe/London")
    for index in range(actions.count()):
        action = actions.nth(index)
        due = action.get_attribute("data-due")
        key = f'{action.get_attribute("data-framework")}.{action.get_attribute("data-obligation")}.' + \
            due.replace("-", "").replace(":", "")
        start = events[key]["DTSTART"].dt
        if "T" in due:  # a moment: that UK local time, with the offset of its day
            assert start.astimezone(london).strftime("%Y-%m-%dT%H:%M") == due
            assert start.utcoffset() == london.utcoffset(start.replace(tzinfo=None))
        else:  # by the end of that day: an all-day event
            assert str(start) == due
        assert "Source: http" in str(events[key]["DESCRIPTION"])
