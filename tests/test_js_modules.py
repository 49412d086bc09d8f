"""The page's own JavaScript against the Python it mirrors, run in Node:

* the ask-if evaluator (docs/assets/javascripts/checker/conditions.js), which
  decides which questions to show before Python has loaded, against
  checker/_conditions.py on every ask-if of the rules over many answer sets;
* the URL fragment (checker/fragment.js) against checker/_fragment.py on every
  worked example: the same text written, the same answers read back.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import checker
from checker._answers import _parse_one
from checker._fragment import _text, encode
from checker._model import Question
from scripts.build.rules_files import example_cases

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "docs" / "assets" / "javascripts" / "checker"
RULES = checker.load_rules()
QUESTIONS = list(RULES.questions) + [q for test in RULES.definition_tests.values() for q in test.questions]
ASKED_IF = [q for q in QUESTIONS if q.ask_if is not None]
EXAMPLES = example_cases()

# Reads {"module": path, "call": name, "args": [[...], ...]} from stdin and
# prints the list of results of module[call](...args) for each args list.
HARNESS = """
let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const module = await import(job.module);
process.stdout.write(JSON.stringify(job.args.map((args) => module[job.call](...args))));
"""


def run_js(module: str, call: str, args: list[list[Any]]) -> list[Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run scripts/setup (scripts/test does it)")
    job = {"module": (MODULES / module).as_uri(), "call": call, "args": args}
    done = subprocess.run([node, "--input-type=module", "-e", HARNESS], input=json.dumps(job),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_there_are_ask_ifs_and_examples_to_compare():
    assert len(ASKED_IF) >= 10, "expected the rules to have ask-if conditions"
    assert EXAMPLES, "no worked examples found"


def _answer(question: Question) -> st.SearchStrategy[Any]:
    options = [o.id for o in question.options]
    return {
        "yesno": lambda: st.booleans(),
        "choice": lambda: st.sampled_from(options),
        "multi": lambda: st.lists(st.sampled_from(options), min_size=1, max_size=3, unique=True),
        "date": lambda: st.dates().map(lambda d: d.replace(year=2020 + d.year % 10).isoformat()),
        "moment": lambda: st.dates().map(lambda d: d.replace(year=2020 + d.year % 10).isoformat() + "T09:30"),
        "number": lambda: st.integers(0, 30),
    }[question.type]()


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Any]:
    """Answers as the page sends them, each question answered or not."""
    return {q.id: draw(_answer(q)) for q in QUESTIONS if draw(st.booleans())}


COLLECTED: list[dict[str, Any]] = []


@seed(20261201)
@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets())
def _collect(answers: dict[str, Any]) -> None:
    COLLECTED.append(answers)


def test_the_page_shows_the_questions_python_would_ask():
    _collect()
    assert len(COLLECTED) >= 100
    args, expected = [], []
    by_id = {q.id: q for q in QUESTIONS}
    for answers in COLLECTED:
        parsed = {key: _parse_one(by_id[key], value)[0] for key, value in answers.items()}
        for question in ASKED_IF:
            args.append([question.ask_if.to_data(), answers])
            expected.append(question.ask_if.evaluate(parsed).value)
    got = run_js("conditions.js", "holds", args)
    wrong = [(a[0], a[1], e, g) for a, e, g in zip(args, expected, got) if e != g]
    assert not wrong, f"{len(wrong)} of {len(args)} differ; first: {wrong[0]}"
    assert {True, False, None} <= set(expected), "the answer sets should reach every outcome"


def test_the_page_writes_and_reads_the_fragments_python_writes():
    answers = [case["answers"] for case in EXAMPLES]
    written = run_js("fragment.js", "encode", [[a, list(a)] for a in answers])
    assert written == [encode(a) for a in answers]
    read = run_js("fragment.js", "decode", [[encode(a)[1:]] for a in answers])
    for written_answers, decoded in zip(answers, read):
        assert decoded["problems"] == [] and decoded["answers"] is True
        assert {key: value for key, value, _ in decoded["pairs"]} == {key: _text(value) for key, value in written_answers.items()}
