"""The compiled rules bundle: questions, frameworks, definition tests and bank
holidays as JSON.

It is generated from ``rules/*.yaml`` by ``scripts/build/compile_rules.py`` (which
needs PyYAML); the checker only reads JSON so it stays standard-library only
and runs unchanged in Pyodide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Mapping

from ._deadlines import BankHolidays
from ._model import DefinitionTest, Framework, Question, StartPoint
from .errors import BundleError

BUNDLE_NAME = "rules_bundle.json"
FORMAT = 3


@dataclass(frozen=True)
class Rules:
    """Everything the engine needs, read from one bundle into typed records."""

    version: str
    date: str | None  # the day the rules were last changed, "YYYY-MM-DD", when known
    questions: tuple[Question, ...]
    start_points: dict[str, StartPoint]
    frameworks: tuple[Framework, ...]
    holidays: BankHolidays
    # definitions that are themselves tests (a small checker on their page), by id
    definition_tests: dict[str, DefinitionTest]

    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self.questions]


def rules_from_data(data: Mapping[str, Any]) -> Rules:
    """Build :class:`Rules` from a decoded bundle, checking its format."""
    try:
        if data["format"] != FORMAT:
            raise BundleError(f"rules bundle format {data['format']!r}; this checker reads format {FORMAT}")
        calendar = data["bank_holidays"]
        return Rules(
            version=data["rules_version"],
            date=data.get("rules_date"),
            questions=tuple(Question.from_data(q) for q in data["questions"]),
            start_points={name: StartPoint.from_data(p) for name, p in data["start_points"].items()},
            frameworks=tuple(Framework.from_data(f) for f in data["frameworks"]),
            definition_tests={test["id"]: DefinitionTest.from_data(test) for test in data["definition_tests"]},
            holidays=BankHolidays(
                first_year=calendar["first_year"],
                last_year=calendar["last_year"],
                dates=frozenset(date.fromisoformat(d) for d in calendar["dates"]),
                source=calendar["source"],
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise BundleError(f"the rules bundle is not in the expected shape ({error!r})") from None


def load_rules() -> Rules:
    """Read the bundle shipped inside the ``checker`` package."""
    try:
        text = resources.files(__package__).joinpath(BUNDLE_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError(
            f"checker/{BUNDLE_NAME} has not been built yet: run "
            "`python -m scripts.build.compile_rules` (the site build and the test command do it too)"
        ) from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BundleError(f"checker/{BUNDLE_NAME} is not valid JSON: {error}") from None
    return rules_from_data(data)
