"""Three-valued (yes / no / unknown) evaluation of rule conditions.

A condition is the JSON form of the YAML in ``rules/``: a mapping with one
operator (``all``, ``any``, ``not``, ``criterion``) or a test on an answer
(``answer`` with ``is`` / ``in`` / a comparison) or on the days between two
dated answers (``days``).  Unknown answers propagate as in Kleene logic, and
each result carries the unknown questions it turns on, so the checker can say
exactly which missing answers could change an outcome and no others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Mapping

Value = Any  # a parsed answer: bool, str, frozenset, date, datetime, number or None

COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "at_least": lambda a, b: a >= b,
    "at_most": lambda a, b: a <= b,
    "less_than": lambda a, b: a < b,
    "more_than": lambda a, b: a > b,
}


@dataclass(frozen=True)
class Outcome:
    """``value`` is True, False or None (unknown); ``unknown`` names the
    unanswered questions that an unknown value turns on."""

    value: bool | None
    unknown: frozenset[str] = field(default_factory=frozenset)


KNOWN_TRUE = Outcome(True)
KNOWN_FALSE = Outcome(False)


def _unknown(*questions: str) -> Outcome:
    return Outcome(None, frozenset(questions))


def _combine(children: list[Outcome], decisive: bool) -> Outcome:
    """Kleene ``all`` (decisive=False) or ``any`` (decisive=True): a decisive
    child settles it and no unknown matters; otherwise the unknown children
    carry their questions up."""
    if any(child.value is decisive for child in children):
        return KNOWN_TRUE if decisive else KNOWN_FALSE
    undecided = [child for child in children if child.value is None]
    if undecided:
        return Outcome(None, frozenset().union(*(c.unknown for c in undecided)))
    return KNOWN_FALSE if decisive else KNOWN_TRUE


def all_of(outcomes: list[Outcome]) -> Outcome:
    """Three-valued conjunction of already evaluated outcomes."""
    return _combine(outcomes, decisive=False)


def _as_day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _test_answer(condition: Mapping[str, Any], answers: Mapping[str, Value]) -> Outcome:
    question = condition["answer"]
    value = answers.get(question)
    if value is None:
        return _unknown(question)
    if "is" in condition:
        return Outcome(value is condition["is"])
    if "in" in condition:
        wanted = set(condition["in"])
        hit = bool(value & wanted) if isinstance(value, frozenset) else value in wanted
        return Outcome(hit)
    for name, compare in COMPARISONS.items():
        if name in condition:
            return Outcome(compare(value, condition[name]))
    raise ValueError(f"condition on {question!r} has no test")


def _test_days(condition: Mapping[str, Any], answers: Mapping[str, Value]) -> Outcome:
    span = condition["days"]
    start, end = answers.get(span["from"]), answers.get(span["to"])
    missing = [q for q, v in ((span["from"], start), (span["to"], end)) if v is None]
    if missing:
        return _unknown(*missing)
    days = (_as_day(end) - _as_day(start)).days
    for name, compare in COMPARISONS.items():
        if name in condition:
            return Outcome(compare(days, condition[name]))
    raise ValueError("days condition has no comparison")


def evaluate(condition: Mapping[str, Any], answers: Mapping[str, Value],
             criterion: Callable[[str], Outcome] | None = None) -> Outcome:
    """Evaluate *condition* against parsed *answers*.

    *criterion* resolves ``{"criterion": id}`` references to the outcome of
    another criterion of the same framework.
    """
    if "all" in condition:
        return all_of([evaluate(c, answers, criterion) for c in condition["all"]])
    if "any" in condition:
        return _combine([evaluate(c, answers, criterion) for c in condition["any"]], decisive=True)
    if "not" in condition:
        inner = evaluate(condition["not"], answers, criterion)
        return inner if inner.value is None else Outcome(not inner.value)
    if "criterion" in condition:
        if criterion is None:
            raise ValueError("criterion reference outside a framework")
        return criterion(condition["criterion"])
    if "days" in condition:
        return _test_days(condition, answers)
    if "answer" in condition:
        return _test_answer(condition, answers)
    raise ValueError(f"unknown condition {sorted(condition)}")
