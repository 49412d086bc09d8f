"""Every worked example in rules/examples/ evaluated by the checker in CPython.

Each case's name is the sentence it proves; the expected status, obligations
(with due dates) and missing answers come from the YAML, never from here.
"""

from pathlib import Path

import pytest
import yaml

import checker

EXAMPLES = Path(__file__).resolve().parent.parent / "rules" / "examples"
CASES = [case for path in sorted(EXAMPLES.glob("*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def test_there_are_examples():
    assert CASES, "no worked examples found in rules/examples/"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_worked_example(case, rules):
    result = checker.evaluate({"answers": case["answers"]}, rules)
    frameworks = {f["id"]: f for f in result["frameworks"]}
    for framework_id, expected in case["expect"].items():
        actual = frameworks[framework_id]
        assert actual["status"] == expected["status"], actual["reasons"]
        if "obligations" in expected:
            assert {o["id"]: o["due"] for o in actual["obligations"]} == expected["obligations"]
        if "missing" in expected:
            assert actual["missing"] == expected["missing"]
