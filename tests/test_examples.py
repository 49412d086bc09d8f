"""Guards around the worked examples (the examples themselves run as test
items through tests/examples_plugin.py)."""

from pathlib import Path


import checker
from scripts.build.rules_files import example_cases

EXAMPLES = Path(__file__).resolve().parent.parent / "rules" / "examples"
CASES = example_cases(EXAMPLES)


def test_there_are_examples():
    assert CASES, "no worked examples found in rules/examples/"


def test_example_names_are_unique_sentences():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert all(name[0].isupper() and " " in name for name in names)


def test_every_framework_has_examples():
    tested = {framework for case in CASES for framework in case["expect"]}
    assert {f.id for f in checker.load_rules().frameworks} <= tested


def test_every_criterion_is_met_in_some_example(rules):
    met = set()
    for case in CASES:
        for framework in checker.evaluate({"answers": case["answers"]}, rules)["frameworks"]:
            # reasons[0] is the scope; each other reason carries its criterion's id
            met |= {(framework["id"], reason["id"]) for reason in framework["reasons"][1:] if reason["met"]}
    never = sorted(f"{f.id}:{c.id}" for f in rules.frameworks for c in f.criteria if (f.id, c.id) not in met)
    assert never == [], "criteria that no worked example meets: " + ", ".join(never)


DEFINITION_CASES = example_cases(EXAMPLES / "definition-tests")


def test_every_definition_test_has_examples_meeting_each_criterion_and_each_outcome(rules):
    assert rules.definition_tests, "no definition tests in the rules"
    met, outcomes = set(), set()
    for case in DEFINITION_CASES:
        result = checker.check_definition(case["definition"], {"answers": case["answers"]}, rules)
        outcomes.add((case["definition"], result["holds"]))
        met |= {(case["definition"], reason["id"]) for reason in result["reasons"] if reason["met"]}
    for test_id, test in rules.definition_tests.items():
        assert {(test_id, True), (test_id, False)} <= outcomes, f"{test_id} needs examples where it holds and not"
        never = [c.id for c in test.criteria if (test_id, c.id) not in met]
        assert never == [], f"{test_id}: criteria no example meets: {never}"


def test_every_obligation_is_expected_in_some_example(rules):
    expected = {(framework_id, obligation_id) for case in CASES
                for framework_id, outcome in case["expect"].items()
                for obligation_id in outcome.get("obligations", {})}
    never = sorted(f"{f.id}:{o.id}" for f in rules.frameworks for o in f.obligations
                   if (f.id, o.id) not in expected)
    assert never == [], "obligations that no worked example expects: " + ", ".join(never)
