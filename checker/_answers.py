"""Check and parse the answers a user gives (SPEC section 4).

Raw answers are JSON values: ``true`` / ``false`` / ``"unknown"`` for yes/no,
an option id for a choice, a list of option ids for a multi-choice,
``"YYYY-MM-DD"`` for a date, ``"YYYY-MM-DDTHH:MM"`` (UK local time) for a
moment, a number for a number.  ``"unknown"`` (or ``null``, or leaving the
question out) means "don't know" for every type.  Dates and moments must fall
in the years 1900-2199: beyond them a due date could not even be represented.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from datetime import date, datetime
from typing import Any, Mapping, Sequence

from ._conditions import Value
from ._model import Question
from .errors import AnswerError

UNKNOWN = "unknown"
FORM = 'expected a JSON object of the form {"answers": {"question_id": value, ...}}'
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
FIRST_YEAR, LAST_YEAR = 1900, 2199

EXPECTS = {
    "yesno": 'true, false or "unknown"',
    "choice": "one option id",
    "multi": "a list of option ids",
    "date": 'a date "YYYY-MM-DD"',
    "moment": 'a UK local date and time "YYYY-MM-DDTHH:MM"',
    "number": "a number",
}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_kind(value: Any) -> str:
    """What a decoded JSON value is, in JSON's own words."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return {dict: "an object", list: "an array", str: "a string"}.get(type(value), "a number")


def _document_problems(raw: Any) -> list[str]:
    """What is wrong with the shape of the whole document, if anything."""
    if not isinstance(raw, dict):
        return [f"{FORM}, got {_json_kind(raw)}"]
    problems = [f'{FORM}; unexpected key {_show(key)} beside "answers"' for key in raw if key != "answers"]
    if "answers" not in raw:
        problems.append(f'{FORM}; "answers" is missing')
    elif not isinstance(raw["answers"], dict):
        problems.append(f'{FORM}; "answers" is {_json_kind(raw["answers"])}, not an object')
    return problems


def _in_years(raw: str, value: date) -> tuple[Value, str | None]:
    """*value* if its year is one the checker takes, else the problem."""
    if FIRST_YEAR <= value.year <= LAST_YEAR:
        return value, None
    return None, f"{_show(raw)} is outside the years the checker takes ({FIRST_YEAR}–{LAST_YEAR})"


def _expects(question: Question) -> str:
    expected = EXPECTS[question.type]
    if question.type in ("choice", "multi"):
        expected += " from: " + ", ".join(o.id for o in question.options)
    return expected + ' (or "unknown")' if question.type != "yesno" else expected


def _parse_one(question: Question, raw: Any) -> tuple[Value, str | None]:
    """Return (parsed value, problem or None) for one answer."""
    kind = question.type
    if raw is None or raw == UNKNOWN:
        return None, None
    bad = f"got {_show(raw)}"
    if kind == "yesno":
        return (raw, None) if isinstance(raw, bool) else (None, bad)
    if kind == "choice":
        if not isinstance(raw, str):
            return None, bad
        if raw not in {o.id for o in question.options}:
            return None, f"{_show(raw)} is not one of its options"
        return raw, None
    if kind == "multi":
        if isinstance(raw, str):
            return None, f"{bad}, not a list (one option is still a list: [{_show(raw)}])"
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            return None, bad
        unknown = [v for v in raw if v not in {o.id for o in question.options}]
        if unknown:
            return None, f"{', '.join(map(_show, unknown))} {'is' if len(unknown) == 1 else 'are'} not among its options"
        return frozenset(raw), None
    if kind == "date":
        if not isinstance(raw, str) or not _DATE.match(raw):
            return None, bad
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            return None, f"{_show(raw)} is not a real date"
        return _in_years(raw, day)
    if kind == "moment":
        if not isinstance(raw, str) or not _MOMENT.match(raw):
            return None, bad
        try:
            moment = datetime.strptime(raw, "%Y-%m-%dT%H:%M")
        except ValueError:
            return None, f"{_show(raw)} is not a real date and time"
        return _in_years(raw, moment)
    if kind == "number":
        # NaN and Infinity are not JSON, but Python's json module reads them (and 1e999 as infinity).
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            return None, bad
        return raw, None
    raise AnswerError([f"question {question.id!r} has an unsupported type {kind!r}"])


def parse_answers(raw: Any, questions: Sequence[Question]) -> dict[str, Value]:
    """Validate *raw* (the decoded ``{"answers": {...}}`` document) and return
    the parsed answers of the questions that are asked, in catalogue order.

    An answer to a question whose ask-if condition is not met is dropped, so
    the CLI decides exactly what the questionnaire (which hides it) shows.
    Raises :class:`AnswerError` listing every problem.
    """
    document_problems = _document_problems(raw)
    if document_problems:
        raise AnswerError(document_problems)
    given: dict[str, Any] = raw["answers"]
    by_id = {q.id: q for q in questions}
    problems: list[str] = []
    for key in given:
        if key not in by_id:
            close = difflib.get_close_matches(key, by_id, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.append(f'unknown question id "{key}"{hint}; "python -m checker questions" lists them')
    parsed: dict[str, Value] = {}
    for question in questions:
        if question.id not in given:
            continue
        value, problem = _parse_one(question, given[question.id])
        if problem:
            problems.append(f'answer to "{question.id}" ({question.text}): {problem}; '
                            f"expected {_expects(question)}")
        parsed[question.id] = value
    if problems:
        raise AnswerError(problems)
    return asked_answers(parsed, questions)


def asked_answers(parsed: Mapping[str, Value], questions: Sequence[Question]) -> dict[str, Value]:
    """Keep only the answers to questions that are asked given the others."""
    kept: dict[str, Value] = {}
    for question in questions:
        if not question.is_asked(kept):
            continue
        if parsed.get(question.id) is not None:
            kept[question.id] = parsed[question.id]
    return kept


def is_asked(question: Question, answers: Mapping[str, Value]) -> bool:
    """True when *question*'s ask-if condition holds for *answers*."""
    return question.is_asked(answers)
