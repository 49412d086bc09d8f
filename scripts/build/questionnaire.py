"""Render the checker's questionnaire (HTML) from the compiled rules.

The form is part of the page, so it can be read and filled before Pyodide
has loaded.  Python prepares plain data here; the Jinja2 templates only loop
over it and format it.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

import checker

TEMPLATES = Path(__file__).resolve().parent / "templates"

# question type -> (control template, HTML input type, label of the input)
CONTROLS = {
    "yesno": ("controls/radios.html.j2", None, None),
    "choice": ("controls/radios.html.j2", None, None),
    "multi": ("controls/checkboxes.html.j2", None, None),
    "date": ("controls/input.html.j2", "date", "Date"),
    "moment": ("controls/input.html.j2", "datetime-local", "Date and time, UK local time"),
    "number": ("controls/input.html.j2", "number", "Number"),
}
# The blank lines of the printed decision record, filled in by hand on paper.
DECISION_FIELDS = ("Case reference", "Decided by", "Role", "Date and time of decision")
YES_NO = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]


def environment() -> jinja2.Environment:
    """The Jinja2 environment for every generated fragment of the site.
    Comments are {## ... ##} because Markdown heading ids are written {#id}."""
    return jinja2.Environment(comment_start_string="{##", comment_end_string="##}",loader=jinja2.FileSystemLoader(TEMPLATES),
                              autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",)),
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def _prepare(question: dict[str, Any], definitions_base: str, terms: dict[str, str]) -> dict[str, Any]:
    options = [{"value": o["id"], "label": o["label"]} for o in question.get("options", [])]
    control, input_type, field_label = CONTROLS[question["type"]]
    return {
        "id": question["id"],
        "text": question["text"],
        "help": question.get("help"),
        "control": control,
        "input_type": input_type,
        "field_label": field_label,
        "type": question["type"],
        "options": YES_NO if question["type"] == "yesno" else options,
        "ask_if": json.dumps(question["ask_if"], separators=(",", ":")) if question.get("ask_if") else None,
        "definition": definitions_base + question["definition"] if question.get("definition") else None,
        "definition_term": terms.get(question.get("definition", "").strip("/").split("/")[-1], "what it means"),
        "has_help": bool(question.get("help") or question.get("definition")),
        "needed": True,
    }


def needed_at_start(bundle: dict[str, Any]) -> set[str]:
    """The questions whose answer could change some outcome when nothing is
    answered yet: the form shows these first (and the checker then says,
    answer by answer, which others matter)."""
    result = checker.evaluate({"answers": {}}, checker.rules_from_data(bundle))
    return set().union(*(framework["missing"] for framework in result["frameworks"]))


def render_questionnaire(bundle: dict[str, Any], runtime: dict[str, str], definitions_base: str = "",
                         terms: dict[str, str] | None = None, sections: dict[str, str] | None = None) -> str:
    """HTML of the whole checker: form in its sections, loading indicator,
    verdict and results area.

    *runtime* gives page-relative URLs of the Pyodide folder and the wheel.
    """
    needed = needed_at_start(bundle)
    prepared = [dict(_prepare(q, definitions_base, terms or {}), needed=q["id"] in needed, section=q.get("section"))
                for q in bundle["questions"]]
    groups = [{"id": section or "questions", "title": (sections or {}).get(section, "Questions"), "questions": list(items)}
              for section, items in groupby(prepared, key=lambda q: q["section"])]
    template = environment().get_template("questionnaire.html.j2")
    return template.render(groups=groups, rules_version=bundle["rules_version"], runtime=runtime,
                           decision_fields=DECISION_FIELDS)


def render_mini_checker(bundle: dict[str, Any], test_id: str, runtime: dict[str, str]) -> str:
    """HTML of the small checker on a definition page that is a test: the
    definition's own questions, a loading indicator and the result area."""
    test = next(t for t in bundle["definition_tests"] if t["id"] == test_id)
    questions = [_prepare(q, "", {}) for q in test["questions"]]
    template = environment().get_template("mini-checker.html.j2")
    return template.render(test=test, questions=questions, rules_version=bundle["rules_version"], runtime=runtime)
