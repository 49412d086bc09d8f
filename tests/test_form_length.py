"""How much a user must answer (issue: a form that asks only what matters).

For each worked example, a user is simulated on the checker page: they
answer, top to bottom, the questions the page shows as mattering (the
union of every framework's `missing`, in the form's order), with the
example's answer or "Don't know", until every framework's status and
obligations are the example's own.  The figures (the median, the spread and
the inputs on screen before anything is answered, counted in the built page)
are printed at the end of the run and kept in the README.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

import pytest

import checker
from scripts.build.rules_files import example_cases
from tests.conftest import FORM_FIGURES

RULES = checker.load_rules()
CASES = example_cases()


def _outcome(answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    result = checker.evaluate({"answers": answers}, RULES)
    return {f["id"]: (f["status"], frozenset(o["id"] for o in f["obligations"])) for f in result["frameworks"]}, result


def questions_to_verdict(full: dict[str, Any]) -> int:
    """How many questions a user answers (or marks "Don't know") before the
    page shows the verdict that all of *full* gives."""
    target, _ = _outcome(full)
    answers: dict[str, Any] = {}
    looked: set[str] = set()
    while True:
        now, result = _outcome(answers)
        if now == target:
            return len(looked)
        needed = set().union(*(f["missing"] for f in result["frameworks"]))
        following = next((q.id for q in RULES.questions if q.id in needed and q.id not in looked), None)
        if following is None:  # nothing left that matters: the verdict is as good as the answers allow
            return len(looked)
        looked.add(following)
        if following in full:
            answers[following] = full[following]


def inputs_at_start(built_site: Path) -> tuple[int, int]:
    """(questions, inputs) shown on the checker page before anything is answered."""
    html = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    shown = [block for block in re.findall(r"<fieldset class=\"tc-question\"(.*?)</fieldset>", html, re.S)
             if " hidden" not in block.split(">", 1)[0]]
    return len(shown), sum(block.count("<input") for block in shown)


def test_there_are_examples_to_measure():
    assert len(CASES) >= 100, "the figures need the worked examples"


def test_a_typical_verdict_takes_six_answers_or_fewer(request: pytest.FixtureRequest, built_site: Path):
    counts = [questions_to_verdict(case["answers"]) for case in CASES]
    questions, inputs = inputs_at_start(built_site)
    median = statistics.median(counts)
    request.config.stash[FORM_FIGURES] = (
        f"questions to a verdict over {len(counts)} worked examples: median {median:g}, "
        f"mean {statistics.mean(counts):.1f}, 90th percentile {sorted(counts)[int(len(counts) * .9)]}, "
        f"most {max(counts)}; on screen at the start: {questions} questions, {inputs} inputs")
    assert questions < len(RULES.questions), "the form shows every question at the start"
    assert median <= 6, request.config.stash[FORM_FIGURES]
