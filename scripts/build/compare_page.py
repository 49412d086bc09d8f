"""The Compare page, generated from the compiled rules: every framework's
scope and criteria, and every obligation's timescale in one table."""

from __future__ import annotations

from typing import Any

from checker._conditions import AnswerIn, parse
import checker
from checker._describe import UNIT_WORDS, rules_words
from checker._model import STRENGTHS

from .links import md_link
from .questionnaire import environment


def _label(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


# must: solid; should: dashed (Mermaid's dotted link); may: a thick dotted one is not
# available, so "may" steps are drawn dotted and labelled.
EDGES = {"must": "-->", "should": "-.->", "may": "-. may .->"}


def diagram(framework: dict[str, Any], start_points: dict[str, Any]) -> str:
    """A Mermaid flowchart of one framework's process: scope, then each
    obligation with its timescale, mandatory ones first."""
    lines = ["flowchart LR",
             f'    scope{{"{_label(framework["scope"]["text"])}"}}',
             '    scope -- "no" --> outside["Not applicable: outside this framework"]',
             '    scope -- "yes" --> criteria{"Are the criteria that trigger each step met?"}']
    ordered = sorted(framework["obligations"], key=lambda o: STRENGTHS.index(o["strength"]))
    for index, obligation in enumerate(ordered):
        within = obligation.get("within")
        timing = (f" within {within['amount']} {UNIT_WORDS[within['unit']]} of {start_points[within['from']]['text']}"
                  if within else "")
        text = f"{obligation['who']} {obligation['strength']} {obligation['action']} {obligation['to']}{timing}"
        edge = EDGES[obligation["strength"]]
        lines.append(f'    criteria {edge} step{index}["{_label(text)}"]')
    return "\n".join(lines)


def _options_tested(condition: dict[str, Any]) -> set[tuple[str, str]]:
    """Every (question, option) pair that a condition tests with ``in``."""
    return {(part.question, option) for _, part in parse(condition).walk() if isinstance(part, AnswerIn)
            for option in part.options}


def criteria_matrix(bundle: dict[str, Any], matrix_questions: list[str]) -> dict[str, Any]:
    """Which incidents each framework's criteria turn on: one row per option
    of the questions marked ``matrix`` that some framework tests (so "none of
    these" has no row), one column per framework."""
    tested = {}
    for framework in bundle["frameworks"]:
        tested[framework["id"]] = set().union(*(_options_tested(item["when"])
                                                for item in [framework["scope"], *framework["criteria"]]))
    rows = []
    for question in bundle["questions"]:
        if question["id"] not in matrix_questions:
            continue
        for option in question["options"]:
            cells = [(question["id"], option["id"]) in tested[f["id"]] for f in bundle["frameworks"]]
            if any(cells):
                rows.append({"question": question["text"], "label": option["label"],
                             "cells": ["Yes" if cell else "No" for cell in cells]})
    return {"frameworks": [{"id": f["id"], "name": f["short_title"]} for f in bundle["frameworks"]], "rows": rows}


def render_compare(bundle: dict[str, Any], matrix_questions: list[str]) -> str:
    """Markdown of the Compare page."""
    start_points = bundle["start_points"]
    rows = []
    frameworks = []
    for framework in bundle["frameworks"]:
        frameworks.append({
            "id": framework["id"], "title": framework["title"], "source": framework["source"],
            "current": framework["current"], "current_note": framework["current_note"], "note": framework["note"],
            "scope": framework["scope"]["text"], "scope_link": md_link(framework["scope"]["cite"]["page"]),
            "diagram": diagram(framework, start_points),
            "criteria": [{"text": c["text"], "link": md_link(c["cite"]["page"])} for c in framework["criteria"]],
        })
        for obligation in framework["obligations"]:
            within = obligation.get("within")
            rows.append({
                "framework": framework["id"], "name": framework["short_title"],
                "action": obligation["action"],
                "who": obligation["who"], "to": obligation["to"], "via": obligation["via"],
                "strength": obligation["strength"].capitalize(),
                "within": f"{within['amount']} {UNIT_WORDS[within['unit']]}" if within else "not stated",
                "start": start_points[within["from"]]["text"] if within else "",
                "link": md_link(obligation["cite"]["page"]),
                # current frameworks first, then the steps that have a timescale
                "order": (not framework["current"], within is None),
            })
    rows.sort(key=lambda row: row["order"])  # stable: each framework keeps its own order within
    return environment().get_template("compare.md.j2").render(frameworks=frameworks, rows=rows,
                                                              matrix=criteria_matrix(bundle, matrix_questions),
                                                              rules_version=bundle["rules_version"],
                                                              rules_as_of=rules_words(checker.rules_from_data(bundle)))
