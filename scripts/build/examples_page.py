"""The Worked examples page, generated from ``rules/examples/*.yaml``: the
facts of each case, the checker's outcome per framework, and a link that opens
the checker with those answers (the URL fragment of SPEC section 5)."""

from __future__ import annotations

from pathlib import Path
from datetime import datetime
from typing import Any


import checker
from checker._describe import STATUS_ORDER
from checker._fragment import encode as encode_fragment
from checker._model import Question

from .questionnaire import environment
from .rules_files import anchor

ROOT = Path(__file__).resolve().parents[2]


HISTORIC = " (a historic procedure, not today's duty: see the note at the top of this page)"


# The kinds of incident the examples can be filtered by: what happened to the
# young person, or that they were charged with one of the offences listed.
KIND_QUESTIONS = ("what_happened",)
CHARGED = "Charged with one of the listed offences"
STATUS_LABELS = {"notify": "Notify", "unclear": "Unclear", "consider": "Consider", "not_required": "Not required",
                 "not_applicable": "Not applicable"}


def _kinds(answers: dict[str, Any]) -> list[str]:
    kinds = [option for option in answers.get("what_happened", []) if option != "none"]
    charged = [option for option in answers.get("charged_with", []) if option != "none"]
    return kinds + (["charged"] if charged else [])


def _answer_words(question: Question, value: Any) -> str:
    labels = {o.id: o.label for o in question.options}
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(labels.get(v, v) for v in value)
    if question.type in ("date", "moment"):
        # the same words as the deadlines: "Monday 23 November 2026", "16:00 on ..."
        moment = datetime.fromisoformat(value)
        day = f"{moment:%A} {moment.day} {moment:%B %Y}"
        return f"{moment:%H:%M} on {day} (UK time)" if question.type == "moment" else day
    return labels.get(value, str(value))


def render_examples(bundle: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    """Markdown of the Worked examples page."""
    rules = checker.rules_from_data(bundle)
    questions = {q.id: q for q in rules.questions}
    entries = []
    for case in cases:
        result = checker.evaluate({"answers": case["answers"]}, rules)
        words = checker.present(result, rules)
        shown = [f for f in result["frameworks"] if f["id"] in case["expect"]]
        entries.append({
            "frameworks": " ".join(f["id"] for f in shown), "statuses": " ".join(sorted({f["status"] for f in shown})),
            "kinds": " ".join(_kinds(case["answers"])),
            "name": case["name"], "anchor": anchor(case), "fragment": encode_fragment(case["answers"]),
            "former_anchors": case.get("former_anchors", []),
            "facts": [{"question": questions[k].text, "answer": _answer_words(questions[k], v)}
                      for k, v in case["answers"].items()],
            "outcomes": [{"title": f["title"], "historic": "" if f["current"] else HISTORIC,
                          "status": words[f["id"]]["status"],
                          "obligations": list(words[f["id"]]["obligations"].values()),
                          "missing": [questions[m].text for m in f["missing"]]} for f in shown],
        })
    historic = [{"title": f.title, "note": f.current_note} for f in rules.frameworks if not f.current]
    filters = {
        "frameworks": [{"value": f.id, "label": f.title} for f in rules.frameworks],
        "outcomes": [{"value": s, "label": STATUS_LABELS[s]} for s in STATUS_ORDER],
        "kinds": [{"value": o.id, "label": o.label} for q in rules.questions if q.id in KIND_QUESTIONS
                  for o in q.options if o.id not in ("none", "neither")] + [{"value": "charged", "label": CHARGED}],
    }
    return environment().get_template("examples.md.j2").render(entries=entries, historic=historic, filters=filters)
