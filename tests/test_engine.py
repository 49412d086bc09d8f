"""The engine's entry points beyond the worked examples (which run as test
items): the definition tests' error paths and result shape."""

import pytest

import checker


def test_an_unknown_definition_test_is_a_readable_answer_error(rules):
    with pytest.raises(checker.AnswerError) as raised:
        checker.check_definition("no-such-term", {"answers": {}}, rules)
    assert raised.value.problems[0].startswith('no definition test "no-such-term"; there are: ')
    assert "terrorism-related-offence" in raised.value.problems[0]


def test_a_definition_test_rejects_answers_to_other_questions(rules):
    with pytest.raises(checker.AnswerError) as raised:
        checker.check_definition("potentially-life-threatening-injury", {"answers": {"age": 15}}, rules)
    assert any('"age"' in problem for problem in raised.value.problems)


def test_with_no_answers_a_definition_test_lists_every_question_that_matters(rules):
    result = checker.check_definition("mappa-serious-case-review", {"answers": {}}, rules)
    assert result["holds"] is None
    assert result["missing"] == [q.id for q in rules.definition_tests["mappa-serious-case-review"].questions]
    assert result["outcome"] == rules.definition_tests["mappa-serious-case-review"].outcome["unknown"]
    assert all(reason["cite"]["quote"] for reason in result["reasons"])


# The status rules of SPEC section 4 on a small made-up framework, so they
# are tested apart from the real rules: scope "in_area"; a must obligation on
# "died", a should one on "harmed", a may one on "concern".
CITE = {"page": "guidance/x/y/#z", "quote": "A sentence."}


def _obligation(id_, strength, question, **extra):
    return dict({"id": id_, "action": "notify", "who": "The LA", "to": "the Panel", "via": "a form",
                 "strength": strength, "mandatory": strength == "must", "if": {"answer": question, "is": True},
                 "cite": CITE, "within": None}, **extra)


def _rules(**framework_extra):
    yesno = [{"id": q, "type": "yesno", "text": q} for q in ("in_area", "died", "harmed", "concern")]
    moment = {"id": "aware_at", "type": "moment", "text": "When?"}
    framework = dict({
        "id": "made-up", "title": "Made up", "source": {}, "current": True, "current_note": None, "note": None,
        "scope": {"text": "In the area.", "when": {"answer": "in_area", "is": True}, "cite": CITE},
        "criteria": [],
        "obligations": [
            _obligation("must-one", "must", "died",
                        within={"amount": 15, "unit": "working_days", "from": "aware"},
                        other_reading={"within": {"amount": 15, "unit": "calendar_days", "from": "aware"},
                                       "text": "Another section says within 15 days."}),
            _obligation("should-one", "should", "harmed"),
            _obligation("may-one", "may", "concern"),
        ]}, **framework_extra)
    return checker.rules_from_data({
        "format": 3, "rules_version": "test", "questions": [*yesno, moment],
        "start_points": {"aware": {"question": "aware_at", "text": "becoming aware"}},
        "frameworks": [framework], "definition_tests": [],
        "bank_holidays": {"first_year": 2026, "last_year": 2027, "dates": ["2026-12-25", "2026-12-28"],
                          "source": "test"}})


def _status(answers, rules=None):
    result = checker.evaluate({"answers": answers}, rules or _rules())["frameworks"][0]
    return result["status"], result["missing"], result


@pytest.mark.parametrize("answers, status", [
    ({"in_area": True, "died": True}, "notify"),
    ({"in_area": True, "died": False, "harmed": True}, "notify"),  # "should" is acted on
    ({"in_area": True, "died": False, "harmed": False, "concern": True}, "consider"),
    ({"in_area": True, "died": False, "harmed": False, "concern": False}, "not_required"),
    ({"in_area": False, "died": True}, "not_applicable"),
])
def test_the_status_follows_the_strongest_obligation_that_applies(answers, status):
    assert _status(answers)[0] == status


def test_an_unknown_scope_with_nothing_that_could_apply_is_not_required_and_names_nothing():
    assert _status({"died": False, "harmed": False, "concern": False})[:2] == ("not_required", [])


def test_an_unknown_that_could_add_a_must_makes_a_may_result_unclear():
    assert _status({"in_area": True, "harmed": False, "concern": True})[:2] == ("unclear", ["died"])


def test_an_unknown_that_can_only_add_an_obligation_leaves_a_settled_notify_and_is_listed():
    status, missing, _ = _status({"in_area": True, "died": True, "concern": False})
    assert (status, missing) == ("notify", ["harmed", "aware_at"])


def test_obligations_carry_strength_and_the_old_mandatory_flag():
    *_, result = _status({"in_area": True, "died": True, "harmed": True})
    assert {(o["id"], o["strength"], o["mandatory"]) for o in result["obligations"]} == {
        ("must-one", "must", True), ("should-one", "should", False)}


def test_a_timescale_stated_two_ways_keeps_one_due_date_and_gives_the_other_in_the_note():
    *_, result = _status({"in_area": True, "died": True, "aware_at": "2026-12-14T10:00"})
    obligation = result["obligations"][0]
    # 15 working days over Christmas (25 and 28 December are bank holidays)
    assert obligation["due"] == "2027-01-06"
    assert obligation["due_note"] == ("Another section says within 15 days. "
                                      "That reading gives by the end of Tuesday 29 December 2026.")


def test_a_historic_framework_says_so_in_its_result():
    rules = _rules(current=False, current_note="Replaced on 8 May 2018.")
    *_, result = _status({"in_area": True, "died": True}, rules)
    assert (result["current"], result["current_note"]) == (False, "Replaced on 8 May 2018.")
    assert result["status"] == "notify"  # still evaluated, for training and past incidents
