"""The rules files' shapes (scripts/build/rules_schema.py) as JSON Schema,
published with the site under ``schemas/`` so a rule author's editor can
complete keys and flag mistakes as they type, e.g. with a first line of
``# yaml-language-server: $schema=https://<site>/schemas/framework.schema.json``.

The build itself keeps validating with the hand-made shapes: their messages
name the allowed keys and the file position of every problem, and hint at
YAML's yes/no pitfall, where a JSON Schema validator says "Additional
properties are not allowed" at a JSON path.  A test checks that both accept
the real rules and refuse the same broken ones.
"""

from __future__ import annotations

import json
from typing import Any

from checker._conditions import GRAMMAR, TEST_KINDS

from . import rules_schema as shapes

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
FILES = {
    "sources": shapes.SOURCES_FILE, "calendar": shapes.CALENDAR_FILE, "questions": shapes.QUESTIONS_FILE,
    "framework": shapes.FRAMEWORK_FILE, "definitions": shapes.DEFINITIONS_FILE, "glossary": shapes.GLOSSARY_FILE,
    "examples": shapes.EXAMPLES_FILE, "disagreements": shapes.DISAGREEMENTS_FILE,
    "vocabulary": shapes.VOCABULARY_FILE,
}
CONDITION_REF = {"$ref": "#/$defs/condition"}


def _condition() -> dict[str, Any]:
    """One alternative per operator and test: exactly one of each."""
    condition = shapes.Condition()
    value = lambda kind: schema(condition.value_shape(kind))  # noqa: E731  (a nested condition is a $ref)
    alternatives = []
    for operator, (kind, tests) in GRAMMAR.items():
        for test in tests or (None,):
            properties = {operator: value(kind), **({test: value(TEST_KINDS[test])} if test else {})}
            alternatives.append({"type": "object", "required": list(properties), "properties": properties,
                                 "additionalProperties": False})
    return {"description": "a condition: " + ", ".join(GRAMMAR), "oneOf": alternatives}


def schema(shape: shapes.Shape) -> dict[str, Any]:
    """The JSON Schema of one shape."""
    if isinstance(shape, shapes.Condition):
        return dict(CONDITION_REF)
    if isinstance(shape, shapes.Str):
        out: dict[str, Any] = {"type": "string", "minLength": 1, "description": shape.what}
        return dict(out, pattern=shape.pattern.pattern) if shape.pattern else out
    if isinstance(shape, shapes.Bool):
        return {"type": "boolean"}
    if isinstance(shape, shapes.Int):
        out = {"type": "integer", "minimum": shape.minimum}
        return dict(out, maximum=shape.maximum) if shape.maximum is not None else out
    if isinstance(shape, shapes.Number):
        return {"type": "number"}
    if isinstance(shape, shapes.Enum):
        return {"enum": list(shape.values)}
    if isinstance(shape, shapes.Nullable):
        return {"anyOf": [schema(shape.shape), {"type": "null"}]}
    if isinstance(shape, shapes.ListOf):
        return {"type": "array", "minItems": shape.min_items, "items": schema(shape.item)}
    if isinstance(shape, shapes.Record):
        properties = {key: schema(value) for key, value in {**shape.required, **shape.optional}.items()}
        return {"type": "object", "description": shape.what, "properties": properties,
                "required": list(shape.required), "additionalProperties": False}
    if isinstance(shape, shapes.MapOf):
        out = {"type": "object", "propertyNames": {"pattern": shape.key.pattern},
               "additionalProperties": schema(shape.value)}
        return out if shape.may_be_empty else dict(out, minProperties=1)
    return {}  # Anything: its meaning is checked elsewhere


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of rules file, e.g. ``framework``."""
    return {"$schema": SCHEMA_URI, "$id": f"schemas/{name}.schema.json", "title": f"Threshold rules: {name}",
            **schema(FILES[name]), "$defs": {"condition": _condition()}}


def published() -> dict[str, bytes]:
    """Every file's schema as the site publishes it, by site path."""
    return {f"schemas/{name}.schema.json": (json.dumps(file_schema(name), indent=1) + "\n").encode("utf-8")
            for name in FILES}
