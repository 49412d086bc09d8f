"""The Rules register and the "Where the sources disagree" page: every
criterion and obligation of every framework in one table a reviewer can sign
off, with the worked examples that exercise each; and the ambiguities the
rules had to decide.

A rule is *exercised* by a worked example when the example expects an outcome
of the rule's framework and, evaluated by the checker, meets the criterion or
gets the obligation.  The rules compiler refuses a rule that no example
exercises (:func:`unexercised`), so every line of the register has a case a
reviewer can open in the checker.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import checker
from checker._describe import describe_within, rules_words

from .links import md_link
from .questionnaire import environment
from .rules_files import anchor

SHOWN = 2  # examples named per rule; the rest are counted
RuleKey = tuple[str, str, str]  # (framework id, "criterion" | "obligation", rule id)


Evaluated = tuple[Mapping[str, Any], Mapping[str, Any]]  # (worked example, the checker's result for it)


def evaluated(rules: checker.Rules, cases: Iterable[Mapping[str, Any]]) -> list[Evaluated]:
    """Each worked example with the checker's result for it."""
    return [(case, checker.evaluate({"answers": case["answers"]}, rules)) for case in cases]


def exercised(results: Iterable[Evaluated]) -> dict[RuleKey, list[str]]:
    """For each rule, the names of the worked examples that exercise it."""
    found: dict[RuleKey, list[str]] = {}
    for case, result in results:
        for framework in result["frameworks"]:
            if framework["id"] not in case["expect"]:
                continue
            keys = [(framework["id"], "criterion", r["id"]) for r in framework["reasons"][1:] if r["met"]]
            keys += [(framework["id"], "obligation", o["id"]) for o in framework["obligations"]]
            for key in keys:
                found.setdefault(key, []).append(case["name"])
    return found


def unexercised(rules: checker.Rules, results: Iterable[Evaluated]) -> list[RuleKey]:
    """The rules that no worked example exercises, in rules order."""
    found = exercised(results)
    return [key for framework in rules.frameworks
            for kind, items in (("criterion", framework.criteria), ("obligation", framework.obligations))
            for item in items
            if (key := (framework.id, kind, item.id)) not in found]


def _cell(text: str | None) -> str | None:
    """Text safe inside a Markdown table cell."""
    return None if text is None else " ".join(text.split()).replace("|", "\\|")


def render_register(bundle: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    """Markdown of the Rules register page."""
    rules = checker.rules_from_data(bundle)
    found = exercised(evaluated(rules, cases))
    anchors = {case["name"]: anchor(case) for case in cases}  # as on the Worked examples page
    frameworks = []
    for framework in bundle["frameworks"]:
        rows = []
        for kind, item in [("criterion", c) for c in framework["criteria"]] + \
                          [("obligation", o) for o in framework["obligations"]]:
            names = found.get((framework["id"], kind, item["id"]), [])
            if kind == "criterion":
                words, strength, deadline = item["text"], "", ""
            else:
                words = f"{item['who']} {item['strength']} {item['action']} {item['to']} through {item['via']}."
                strength = item["strength"]
                deadline = describe_within(item.get("within"), rules.start_points)
            rows.append({"kind": kind, "id": item["id"], "words": _cell(words), "note": _cell(item.get("note")),
                         "strength": strength, "deadline": deadline,
                         "quote": _cell(item["cite"]["quote"]), "link": md_link(item["cite"]["page"]),
                         "examples": [{"name": _cell(n), "anchor": anchors[n]} for n in names[:SHOWN]],
                         "more": max(0, len(names) - SHOWN)})
        frameworks.append({"id": framework["id"], "title": framework["title"], "current": framework["current"],
                           "current_note": framework["current_note"], "note": framework["note"],
                           "source": framework["source"], "scope": framework["scope"]["text"],
                           "scope_link": md_link(framework["scope"]["cite"]["page"]),
                           "criteria": [r for r in rows if r["kind"] == "criterion"],
                           "obligations": [r for r in rows if r["kind"] == "obligation"]})
    return environment().get_template("register.md.j2").render(frameworks=frameworks,
                                                               rules_version=bundle["rules_version"],
                                                               rules_as_of=rules_words(rules))


def render_disagreements(disagreements: list[dict[str, Any]], bundle: dict[str, Any]) -> str:
    """Markdown of the "Where the sources disagree or are unclear" page."""
    titles = {f["id"]: f["title"] for f in bundle["frameworks"]}
    entries = [dict(item, framework_titles=[titles.get(f, f) for f in item["frameworks"]],
                    cites=[{"quote": " ".join(c["quote"].split()), "link": md_link(c["page"])} for c in item["cites"]])
               for item in disagreements]
    return environment().get_template("disagreements.md.j2").render(entries=entries)
