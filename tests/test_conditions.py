"""Three-valued condition logic (checker/_conditions.py)."""

from datetime import date

import pytest

from checker._conditions import parse


def evaluate(condition, answers, criterion=None):
    """Parse the rules' form of a condition, then evaluate it."""
    return parse(condition).evaluate(answers, criterion)

DIED = {"answer": "what", "in": ["died"]}
BAIL = {"answer": "bail", "is": True}


@pytest.mark.parametrize("answers, expected", [
    ({"what": frozenset({"died"}), "bail": True}, True),
    ({"what": frozenset({"none"}), "bail": True}, False),
    ({"what": frozenset({"none"})}, False),          # a known false settles "all"
    ({"bail": True}, None),
    ({}, None),
])
def test_all_is_kleene_conjunction(answers, expected):
    assert evaluate({"all": [DIED, BAIL]}, answers).value is expected


def test_unknowns_that_cannot_change_the_outcome_are_not_reported():
    outcome = evaluate({"any": [DIED, BAIL]}, {"what": frozenset({"died"})})
    assert outcome.value is True
    assert outcome.unknown == frozenset()


def test_unknowns_that_could_change_the_outcome_are_reported():
    outcome = evaluate({"any": [DIED, BAIL]}, {"what": frozenset({"none"})})
    assert outcome.value is None
    assert outcome.unknown == {"bail"}


def test_not_keeps_unknown_unknown():
    assert evaluate({"not": BAIL}, {}).value is None
    assert evaluate({"not": BAIL}, {"bail": False}).value is True


@pytest.mark.parametrize("end, expected", [(date(2026, 3, 11), True), (date(2026, 3, 12), False)])
def test_days_between_two_dates_is_calendar_days(end, expected):
    condition = {"days": {"from": "ended", "to": "incident"}, "at_most": 20}
    assert evaluate(condition, {"ended": date(2026, 2, 19), "incident": end}).value is expected


def test_choice_in_and_number_comparisons():
    assert evaluate({"answer": "who", "in": ["a", "b"]}, {"who": "b"}).value is True
    assert evaluate({"answer": "age", "less_than": 18}, {"age": 17}).value is True
    assert evaluate({"answer": "age", "at_least": 18}, {"age": 17}).value is False


def test_criterion_references_use_the_resolver():
    seen = []

    def resolve(name):
        seen.append(name)
        return evaluate(DIED, {"what": frozenset({"died"})})

    assert evaluate({"criterion": "c1"}, {}, resolve).value is True
    assert seen == ["c1"]
