"""Guards around the worked examples (the examples themselves run as test
items through tests/examples_plugin.py)."""

from pathlib import Path

import yaml

import checker

EXAMPLES = Path(__file__).resolve().parent.parent / "rules" / "examples"
CASES = [case for path in sorted(EXAMPLES.glob("*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def test_there_are_examples():
    assert CASES, "no worked examples found in rules/examples/"


def test_example_names_are_unique_sentences():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert all(name[0].isupper() and " " in name for name in names)


def test_every_framework_has_examples():
    tested = {framework for case in CASES for framework in case["expect"]}
    assert {f["id"] for f in checker.load_rules().frameworks} <= tested


def test_every_criterion_is_met_in_some_example(rules):
    met = set()
    for case in CASES:
        for framework in checker.evaluate({"answers": case["answers"]}, rules)["frameworks"]:
            criteria = [c["id"] for c in next(f for f in rules.frameworks if f["id"] == framework["id"])["criteria"]]
            # reasons[0] is the scope; the rest follow the criteria in order
            met |= {(framework["id"], cid) for cid, reason in zip(criteria, framework["reasons"][1:]) if reason["met"]}
    never = sorted(f"{f['id']}:{c['id']}" for f in rules.frameworks for c in f["criteria"] if (f["id"], c["id"]) not in met)
    assert never == [], "criteria that no worked example meets: " + ", ".join(never)
