"""Decide, per framework, what a set of answers means (SPEC section 4).

The engine holds no policy: scope, criteria and obligations come from the
bundle.  It only combines three-valued outcomes into a status, lists the
reasons with their citations, the unknown answers that matter, and the due
date of each obligation that applies.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ._answers import parse_answers
from ._bundle import Rules, load_rules
from ._conditions import Outcome, Resolver, Value, all_of
from ._deadlines import due
from ._describe import due_words
from ._model import ACTED_ON, Criterion, Framework, Obligation
from .errors import AnswerError

STATUSES = ("notify", "consider", "not_required", "not_applicable", "unclear")


def _criteria_resolver(criteria: Sequence[Criterion], answers: Mapping[str, Value]) -> Resolver:
    by_id = {c.id: c for c in criteria}
    memo: dict[str, Outcome] = {}

    def resolve(criterion_id: str) -> Outcome:
        if criterion_id not in memo:
            memo[criterion_id] = by_id[criterion_id].when.evaluate(answers, resolve)
        return memo[criterion_id]

    return resolve


def _status(scope: Outcome, strong: list[Outcome], weak: list[Outcome]) -> str:
    """The status from the scope and each obligation's outcome (scope and
    trigger together); *strong* are the must/should obligations, *weak* the
    may ones.

    Sound by construction: a status is settled only when no completion of the
    unknown answers could give another.  An unknown that can only move the
    result between not_required and not_applicable settles as not_required
    (SPEC section 4), and one that can only add an obligation to a settled
    status leaves the status (its question is still listed in ``missing``).
    """
    if scope.value is False:
        return "not_applicable"
    if any(o.value is True for o in strong):
        return "notify"
    if any(o.value is None for o in strong):
        return "unclear"
    if any(o.value is True for o in weak):
        return "consider"
    if any(o.value is None for o in weak):
        return "unclear"
    return "not_required"


def _other_reading(obligation: Obligation, answers: Mapping[str, Value], rules: Rules) -> str | None:
    """The due note for a timescale the source also states another way:
    its words, and its date when the start moment is known."""
    reading = obligation.other_reading
    if not reading:
        return None
    within = reading["within"]
    start = answers.get(rules.start_points[within["from"]].question)
    if start is None:
        return reading["text"]
    other = due(start, within["amount"], within["unit"], rules.holidays)
    return f"{reading['text']} That reading gives {due_words(other.value)}."


def _obligation_json(obligation: Obligation, answers: Mapping[str, Value], rules: Rules) -> tuple[dict[str, Any], str | None]:
    """The obligation as JSON, and the start question when it is unanswered."""
    within = obligation.within
    due_value = waiting_for = None
    notes: list[str] = []
    if within:
        start_question = rules.start_points[within["from"]].question
        start = answers.get(start_question)
        if start is None:
            waiting_for = start_question
        else:
            computed = due(start, within["amount"], within["unit"], rules.holidays)
            due_value = computed.value
            notes += [n for n in (computed.note, _other_reading(obligation, answers, rules)) if n]
    result = {"id": obligation.id, "action": obligation.action, "who": obligation.who, "to": obligation.to,
              "via": obligation.via, "strength": obligation.strength, "mandatory": obligation.mandatory,
              "within": dict(within) if within else None, "due": due_value, "due_note": "; ".join(notes) or None,
              "note": obligation.note, "cite": obligation.cite}
    return result, waiting_for


def _reasons(criteria: Sequence[Criterion], resolve: Resolver) -> list[dict[str, Any]]:
    return [{"id": c.id, "text": c.text, "met": resolve(c.id).value, "note": c.note, "cite": c.cite}
            for c in criteria]


def evaluate_framework(framework: Framework, answers: Mapping[str, Value], rules: Rules) -> dict[str, Any]:
    """Evaluate one framework against parsed, asked answers."""
    resolve = _criteria_resolver(framework.criteria, answers)
    scope = framework.scope.when.evaluate(answers, resolve)
    applies = [(obligation, all_of([scope, obligation.when.evaluate(answers, resolve)]))
               for obligation in framework.obligations]
    status = _status(scope, [o for ob, o in applies if ob.strength in ACTED_ON],
                     [o for ob, o in applies if ob.strength not in ACTED_ON])
    reasons = [{"id": "scope", "text": framework.scope.text, "met": scope.value, "cite": framework.scope.cite}]
    reasons += _reasons(framework.criteria, resolve)

    # Only the unknowns of obligations still undecided matter: an unknown
    # scope with nothing that could apply changes no action.
    unknown: set[str] = set()
    obligations: list[dict[str, Any]] = []
    # Obligations that unknown answers could still bring in, with their due
    # dates where the start is known: "if in doubt" advice names the earliest.
    pending: list[dict[str, Any]] = []
    if status != "not_applicable":
        for obligation, outcome in applies:
            if outcome.value is None:
                unknown |= outcome.unknown
                pending.append(_obligation_json(obligation, answers, rules)[0])
            elif outcome.value is True:
                as_json, waiting_for = _obligation_json(obligation, answers, rules)
                obligations.append(as_json)
                if waiting_for:
                    unknown.add(waiting_for)
    missing = [q.id for q in rules.questions if q.id in unknown and q.is_asked(answers)]
    return {
        "id": framework.id,
        "title": framework.title,
        "source": framework.source,
        "current": framework.current,
        "current_note": framework.current_note,
        "note": framework.note,
        "status": status,
        "reasons": reasons,
        "missing": missing,
        "obligations": obligations,
        "pending": pending,
    }


def evaluate(document: Any, rules: Rules | None = None) -> dict[str, Any]:
    """Evaluate ``{"answers": {...}}`` against every framework.

    Raises :class:`checker.AnswerError` listing every problem with the answers.
    """
    rules = rules or load_rules()
    answers = parse_answers(document, rules.questions)
    return {
        "rules_version": rules.version,
        "frameworks": [evaluate_framework(f, answers, rules) for f in rules.frameworks],
    }


def check_definition(definition_id: str, document: Any, rules: Rules | None = None) -> dict[str, Any]:
    """Decide whether a defined term applies, from ``{"answers": {...}}`` to
    that definition's own questions: ``holds`` is true, false or null
    (unknown), with the reasons and the unknown answers that matter.

    Raises :class:`checker.AnswerError` for bad answers or an unknown definition.
    """
    rules = rules or load_rules()
    test = rules.definition_tests.get(definition_id)
    if test is None:
        raise AnswerError([f'no definition test "{definition_id}"; there are: '
                           f'{", ".join(sorted(rules.definition_tests))}'])
    answers = parse_answers(document, test.questions)
    resolve = _criteria_resolver(test.criteria, answers)
    holds = test.holds.evaluate(answers, resolve)
    words = {True: "yes", False: "no", None: "unknown"}[holds.value]
    return {
        "rules_version": rules.version,
        "id": test.id,
        "term": test.term,
        "question": test.question,
        "holds": holds.value,
        "outcome": test.outcome[words],
        "cite": test.cite,
        "reasons": _reasons(test.criteria, resolve),
        "missing": [q.id for q in test.questions if q.id in holds.unknown and q.is_asked(answers)],
    }
