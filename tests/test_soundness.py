"""Soundness of the three-valued checker (SPEC sections 4 and 8), as a
property: take a random complete set of answers, forget a random part of it,
and evaluate both.  Whatever the partial answers settle, the complete ones
must agree with:

* a settled status is never overturned (a ``not_required`` with the scope
  unknown may become ``not_applicable``: both mean "nothing to do", and SPEC
  section 4 says such an unknown must not make the result unclear);
* a settled obligation is never withdrawn, and a due date once given is never
  moved;
* ``unclear`` always names what is missing, and every question it names is
  one the partial answers leave open and the form still asks.

The cases are drawn from the compiled rules (every question, every option),
with a fixed seed so every run checks the same few thousand cases.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import checker
from checker._answers import is_asked, parse_answers
from checker._model import Question

RULES = checker.load_rules()
FIRST = date(RULES.holidays.first_year, 1, 1)
# Leave room for the longest timescale (months) inside the bank-holiday years.
LAST = date(RULES.holidays.last_year - 1, 12, 31)
NO_ACTION = {"not_required", "not_applicable"}


def _multi(options: list[str]) -> st.SearchStrategy[list[str]]:
    """A ticked set as the form allows it: "none of these" alone, or options."""
    exclusive = [o for o in options if o == "none"]
    others = [o for o in options if o != "none"]
    choices = [st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True)]
    choices += [st.just(exclusive) for _ in exclusive[:1]]
    return st.one_of(choices)


def _value(question: Question) -> st.SearchStrategy[Any]:
    kind = question.type
    options = [o.id for o in question.options]
    days = st.integers(0, (LAST - FIRST).days).map(lambda n: FIRST + timedelta(days=n))
    return {
        "yesno": lambda: st.booleans(),
        "choice": lambda: st.sampled_from(options),
        "multi": lambda: _multi(options),
        "date": lambda: days.map(date.isoformat),
        "moment": lambda: st.tuples(days, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])).map(
            lambda t: datetime(t[0].year, t[0].month, t[0].day, t[1], t[2]).strftime("%Y-%m-%dT%H:%M")),
        "number": lambda: st.integers(0, 30),
    }[kind]()


@st.composite
def partial_and_complete(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(partial answers, the same answers completed)."""
    complete = {q.id: draw(_value(q)) for q in RULES.questions}
    forgotten = draw(st.sets(st.sampled_from(RULES.question_ids)))
    partial = {k: v for k, v in complete.items() if k not in forgotten}
    return partial, complete


def test_the_property_has_questions_to_draw_from():
    assert RULES.questions and RULES.frameworks, "no questions or frameworks in the rules bundle"


def _by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in result["frameworks"]}


@seed(20261201)
@settings(max_examples=3000, deadline=None, database=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(partial_and_complete())
def test_completing_unknown_answers_never_overturns_a_settled_result(case):
    partial, complete = case
    before = _by_id(checker.evaluate({"answers": partial}, RULES))
    after = _by_id(checker.evaluate({"answers": complete}, RULES))
    asked = parse_answers({"answers": partial}, RULES.questions)
    questions = {q.id: q for q in RULES.questions}
    for framework_id, was in before.items():
        now = after[framework_id]
        if was["status"] == "unclear":
            assert was["missing"], f"{framework_id}: unclear, but nothing is named as missing"
        elif was["status"] == "not_required":
            assert now["status"] in NO_ACTION, (
                f"{framework_id}: not_required overturned to {now['status']} by {complete}")
        else:
            assert now["status"] == was["status"], (
                f"{framework_id}: {was['status']} overturned to {now['status']} by {complete}")
        due_now = {o["id"]: o["due"] for o in now["obligations"]}
        for obligation in was["obligations"]:
            assert obligation["id"] in due_now, (
                f"{framework_id}: obligation {obligation['id']} withdrawn by {complete}")
            if obligation["due"] is not None:
                assert due_now[obligation["id"]] == obligation["due"], (
                    f"{framework_id}: {obligation['id']} re-dated by {complete}")
        for question_id in was["missing"]:
            assert question_id not in asked, f"{framework_id}: {question_id} is answered but listed as missing"
            assert is_asked(questions[question_id], asked), f"{framework_id}: {question_id} is not asked"


@pytest.mark.parametrize("status", ["notify", "not_applicable", "unclear"])
def test_the_drawn_cases_reach_each_kind_of_result(status):
    """Guard: the strategy is not so narrow that the property is vacuous."""
    found = set()
    strategy = partial_and_complete()

    @seed(20261201)
    @settings(max_examples=300, deadline=None, database=None)
    @given(strategy)
    def collect(case):
        found.update(f["status"] for f in checker.evaluate({"answers": case[0]}, RULES)["frameworks"])

    collect()
    assert status in found
