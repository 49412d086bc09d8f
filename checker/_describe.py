"""Plain-English wording of deadlines, obligations and statuses, shared by the
CLI and the generated documentation so both say the same thing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping

from ._model import Question, StartPoint

STATUS_WORDS = {
    "notify": "Notify: the guidance says something must or should be done",
    "consider": "Consider: the guidance says something may be done, nothing more",
    "not_required": "Not required: no action of this framework can apply, whatever the unknown answers are",
    "not_applicable": "Not applicable: outside this framework's scope",
    "unclear": "Unclear: the outcome turns on answers that are not yet known",
}

UNIT_WORDS = {"hours": "hours", "working_days": "working days",
              "calendar_days": "calendar days", "months": "months"}


def describe_within(within: Mapping[str, Any] | None, start_points: Mapping[str, StartPoint]) -> str:
    """E.g. "within 24 hours of the YOT becoming aware"."""
    if not within:
        return "no timescale given"
    start = start_points[within["from"]].text
    return f"within {within['amount']} {UNIT_WORDS[within['unit']]} of {start}"





def rules_words(rules: Any) -> str:
    """How a person quotes the rules used: "the rules of 1 December 2026"
    (the day they last changed), or their version where no date is known."""
    if rules.date:
        day = date.fromisoformat(rules.date)
        return f"the rules of {day.day} {day:%B %Y}"
    return f"the rules version {rules.version}"


def due_words(due: str) -> str:
    """"by 16:00 on Monday 23 November 2026" or "by the end of Friday 27 November 2026"."""
    if "T" in due:
        moment = datetime.strptime(due, "%Y-%m-%dT%H:%M")
        return f"by {moment:%H:%M} on {moment:%A} {moment.day} {moment:%B %Y}"
    day = date.fromisoformat(due)
    return f"by the end of {day:%A} {day.day} {day:%B %Y}"


def deadline_words(obligation: Mapping[str, Any], start_points: Mapping[str, StartPoint]) -> str:
    """" by the end of Monday 7 December 2026", " within 5 working days of
    ..." while its start is unknown, or "" when the source gives no time."""
    if obligation.get("due"):
        return " " + due_words(obligation["due"])
    if obligation.get("within"):
        return " " + describe_within(obligation["within"], start_points)
    return ""


def obligation_sentence(obligation: Mapping[str, Any], start_points: Mapping[str, StartPoint],
                        questions: Mapping[str, Question] | None = None) -> str:
    """One sentence for an obligation that applies, with its exact deadline
    when the start moment is known, else the question that would give it."""
    sentence = (f"{obligation['who']} {obligation['strength']} {obligation['action']} "
                f"{obligation['to']} through {obligation['via']}") + deadline_words(obligation, start_points)
    if obligation.get("due") and obligation.get("due_note"):
        sentence += f" ({obligation['due_note'].rstrip('.')})"
    elif not obligation.get("due") and obligation.get("within"):
        start_question = (questions or {}).get(start_points[obligation["within"]["from"]].question)
        if start_question:
            sentence += f' (answer "{start_question.text}" to see the date)'
    return sentence + "."


# The order statuses are named and results shown in: what to act on first.
STATUS_ORDER = ("notify", "unclear", "consider", "not_required", "not_applicable")


def status_summary(result: Mapping[str, Any]) -> str:
    """E.g. "notify under 2 frameworks, not applicable under 4 frameworks":
    the current frameworks only (historic ones are never today's duty)."""
    current = [f for f in result["frameworks"] if f["current"]]
    parts = []
    for status in STATUS_ORDER:
        count = sum(1 for f in current if f["status"] == status)
        if count:
            parts.append(f"{status.replace('_', ' ')} under {count} framework{'' if count == 1 else 's'}")
    return ", ".join(parts)


def present(result: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    """Words for showing an evaluation result: per framework, the status in
    plain words and one sentence per obligation, keyed by id."""
    questions = {q.id: q for q in rules.questions}
    return {
        framework["id"]: {
            "status": STATUS_WORDS[framework["status"]],
            "obligations": {o["id"]: obligation_sentence(o, rules.start_points, questions)
                            for o in framework["obligations"]},
        }
        for framework in result["frameworks"]
    }
