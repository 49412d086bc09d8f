"""Verdict first (SPEC section 5): what to do now, across the current
frameworks, in deadline order, and for each framework still unclear the
earliest deadline that could apply and the answers that would settle it.
Historic frameworks are never part of it: they are not today's duty."""

from __future__ import annotations

from typing import Any, Mapping

from ._describe import deadline_words
from ._model import ACTED_ON, STRENGTHS


def _due_key(due: str | None) -> tuple[int, str]:
    """Earliest first; a day's deadline runs to its end; no date last."""
    if due is None:
        return 1, ""
    return 0, due if "T" in due else due + "T23:59"


def _who(obligation: Mapping[str, Any]) -> str:
    who = obligation["who"].strip().rstrip(",")
    return who[:1].lower() + who[1:]


def action_sentence(obligation: Mapping[str, Any], start_points: Mapping[str, Any]) -> str:
    """E.g. "Notify the Child Safeguarding Practice Review Panel by the end of
    Monday 7 December 2026 (the local authority, must)"."""
    to = obligation["to"].strip().rstrip(",")
    return (f"{obligation['action'].capitalize()} {to}{deadline_words(obligation, start_points)} "
            f"({_who(obligation)}, {obligation['strength']})")


def summary(result: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    """The actions to take and the frameworks still open, for the page's
    summary above the questions (and the printed record)."""
    questions = {q.id: q for q in rules.questions}
    current = [f for f in result["frameworks"] if f["current"]]
    actions = [{"framework": f["id"], "obligation": o["id"], "due": o["due"], "strength": o["strength"],
                "text": action_sentence(o, rules.start_points), "cite": o["cite"]}
               for f in current for o in f["obligations"]]
    actions.sort(key=lambda a: (_due_key(a["due"]), STRENGTHS.index(a["strength"])))
    still_open = []
    for framework in current:
        if framework["status"] != "unclear":
            continue
        strong = [o for o in framework["pending"] if o["strength"] in ACTED_ON]
        earliest = min(strong, key=lambda o: _due_key(o["due"]), default=None)
        still_open.append({
            "framework": framework["id"], "title": framework["title"],
            "due": earliest["due"] if earliest else None,
            "if_in_doubt": action_sentence(earliest, rules.start_points) if earliest else None,
            "missing": [{"id": q, "text": questions[q].text} for q in framework["missing"]],
        })
    still_open.sort(key=lambda o: _due_key(o["due"]))
    statuses = [{"framework": f["id"], "title": f["title"], "status": f["status"]} for f in current]
    # The dated questions that deadlines shown (or still possible) run from:
    # the form keeps them in sight even when they hold a default, such as now.
    dates_from = sorted({rules.start_points[o["within"]["from"]].question for f in result["frameworks"]
                         for o in f["obligations"] + f["pending"] if o.get("within")})
    return {"actions": actions, "open": still_open, "statuses": statuses, "dates_from": dates_from}
