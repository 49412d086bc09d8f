"""The JSON Schema published for rule authors' editors (scripts/build/json_schema.py)
agrees with the build's own validator: it accepts every real rules file and
refuses the fixtures whose fault is one of shape."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts.build import json_schema

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FIXTURES = ROOT / "tests" / "fixtures" / "bad_rules"
REAL = [("sources", RULES / "sources.yaml"), ("calendar", RULES / "calendar.yaml"),
        ("questions", RULES / "questions.yaml"), ("definitions", RULES / "definitions.yaml"),
        ("glossary", RULES / "glossary.yaml"), ("vocabulary", RULES / "vocabulary.yaml")]
REAL += [("framework", path) for path in sorted((RULES / "frameworks").glob("*.yaml"))]
REAL += [("examples", path) for path in sorted((RULES / "examples").glob("*.yaml"))]
REAL += [("disagreements", path) for path in sorted((RULES / "disagreements").glob("*.yaml"))]
# Faults of shape (the others are about references, quotes and anchors, which
# only the build can check).
SHAPE_FAULTS = ["missing-required-key", "two-operators-in-a-condition", "unknown-enum-value", "unknown-key",
                "wrong-type", "zero-amount"]


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(json_schema.published()[f"schemas/{name}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_kind_of_rules_file_has_a_schema():
    assert {name for name, _ in REAL} == set(json_schema.FILES)


@pytest.mark.parametrize("name, path", REAL, ids=[str(path.relative_to(RULES)) for _, path in REAL])
def test_the_schema_accepts_the_real_rules(name: str, path: Path):
    errors = list(validator(name).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == [], [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("fixture", SHAPE_FAULTS)
def test_the_schema_refuses_what_the_build_refuses_for_its_shape(fixture: str):
    data = yaml.safe_load((FIXTURES / f"{fixture}.yaml").read_text(encoding="utf-8"))
    assert list(validator("framework").iter_errors(data)), f"{fixture} passes the published schema"
