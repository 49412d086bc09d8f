"""Rule conditions, parsed once into typed, frozen objects.

A condition in ``rules/`` is a mapping with one operator (``all``, ``any``,
``not``, ``criterion``), a test on an answer (``answer`` with ``is`` / ``in``
/ a comparison) or a comparison of the days between two dated answers
(``days``).  This module is the only place that knows that grammar: the
engine evaluates the objects, the CLI and the generated pages describe them,
the rules compiler and the schema walk them.  (The questionnaire's own small
JavaScript evaluator is kept in step by a test that runs both.)

Evaluation is three-valued (yes / no / unknown) as in Kleene logic, and each
result carries the unanswered questions it turns on, so the checker can say
exactly which missing answers could change an outcome and no others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterator, Mapping

Value = Any  # a parsed answer: bool, str, frozenset, date, datetime, number or None
Path = tuple  # keys and indexes from a condition down to one of its parts

COMPARISONS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    "at_least": (lambda a, b: a >= b, "at least"),
    "at_most": (lambda a, b: a <= b, "at most"),
    "less_than": (lambda a, b: a < b, "less than"),
    "more_than": (lambda a, b: a > b, "more than"),
}
# The grammar, declared once for the parser below and for the rules schema
# (scripts/build/rules_schema.py turns each kind into a shape with positioned
# error messages): each operator, the kind of value it holds, and the tests
# that go beside it.
COMBINATORS = ("all", "any")
GRAMMAR: dict[str, tuple[str, tuple[str, ...]]] = {
    "all": ("conditions", ()),
    "any": ("conditions", ()),
    "not": ("condition", ()),
    "criterion": ("criterion id", ()),
    "answer": ("question id", ("is", "in", *COMPARISONS)),
    "days": ("span", tuple(COMPARISONS)),
}
OPERATORS = tuple(GRAMMAR)
TEST_KINDS = {"is": "yes/no", "in": "option ids", **{name: "number" for name in COMPARISONS}}


@dataclass(frozen=True)
class Outcome:
    """``value`` is True, False or None (unknown); ``unknown`` names the
    unanswered questions that an unknown value turns on."""

    value: bool | None
    unknown: frozenset[str] = field(default_factory=frozenset)


KNOWN_TRUE = Outcome(True)
KNOWN_FALSE = Outcome(False)
Resolver = Callable[[str], Outcome]


def _unknown(*questions: str) -> Outcome:
    return Outcome(None, frozenset(questions))


def _combine(children: list[Outcome], decisive: bool) -> Outcome:
    """Kleene ``all`` (decisive=False) or ``any`` (decisive=True): a decisive
    child settles it and no unknown matters; otherwise the unknown children
    carry their questions up."""
    if any(child.value is decisive for child in children):
        return KNOWN_TRUE if decisive else KNOWN_FALSE
    undecided = [child for child in children if child.value is None]
    if undecided:
        return Outcome(None, frozenset().union(*(c.unknown for c in undecided)))
    return KNOWN_FALSE if decisive else KNOWN_TRUE


def all_of(outcomes: list[Outcome]) -> Outcome:
    """Three-valued conjunction of already evaluated outcomes."""
    return _combine(outcomes, decisive=False)


def _label(questions: Mapping[str, Any], question_id: str, option: str) -> str:
    question = questions.get(question_id)
    for candidate in getattr(question, "options", ()):
        if candidate.id == option:
            return candidate.label
    return option


class Condition:
    """A parsed condition: evaluate it, describe it, walk its parts."""

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        raise NotImplementedError

    def describe(self, questions: Mapping[str, Any]) -> str:
        """In words; *questions* maps ids to questions (for option labels)."""
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        """The condition as it is written in the rules and the bundle."""
        raise NotImplementedError

    def parts(self) -> tuple[tuple[Path, Condition], ...]:
        """The direct sub-conditions, each with its path from this one."""
        return ()

    def walk(self, path: Path = ()) -> Iterator[tuple[Path, Condition]]:
        """This condition and every part of it, depth first, with paths."""
        yield path, self
        for step, part in self.parts():
            yield from part.walk(path + step)


@dataclass(frozen=True)
class _Combination(Condition):
    items: tuple[Condition, ...]
    operator = ""
    decisive = False
    word = ""

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        return _combine([item.evaluate(answers, criterion) for item in self.items], self.decisive)

    def describe(self, questions: Mapping[str, Any]) -> str:
        return "(" + f" {self.word} ".join(item.describe(questions) for item in self.items) + ")"

    def to_data(self) -> dict[str, Any]:
        return {self.operator: [item.to_data() for item in self.items]}

    def parts(self) -> tuple[tuple[Path, Condition], ...]:
        return tuple(((self.operator, index), item) for index, item in enumerate(self.items))


class AllOf(_Combination):
    operator, decisive, word = "all", False, "and"


class AnyOf(_Combination):
    operator, decisive, word = "any", True, "or"


@dataclass(frozen=True)
class Not(Condition):
    item: Condition

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        inner = self.item.evaluate(answers, criterion)
        return inner if inner.value is None else Outcome(not inner.value)

    def describe(self, questions: Mapping[str, Any]) -> str:
        return "not " + self.item.describe(questions)

    def to_data(self) -> dict[str, Any]:
        return {"not": self.item.to_data()}

    def parts(self) -> tuple[tuple[Path, Condition], ...]:
        return ((("not",), self.item),)


@dataclass(frozen=True)
class CriterionRef(Condition):
    criterion: str

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        if criterion is None:
            raise ValueError("criterion reference outside a framework")
        return criterion(self.criterion)

    def describe(self, questions: Mapping[str, Any]) -> str:
        return f"criterion {self.criterion}"

    def to_data(self) -> dict[str, Any]:
        return {"criterion": self.criterion}


@dataclass(frozen=True)
class AnswerIs(Condition):
    question: str
    expected: bool

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        value = answers.get(self.question)
        return _unknown(self.question) if value is None else Outcome(value is self.expected)

    def describe(self, questions: Mapping[str, Any]) -> str:
        return f"{self.question} is {'yes' if self.expected else 'no'}"

    def to_data(self) -> dict[str, Any]:
        return {"answer": self.question, "is": self.expected}


@dataclass(frozen=True)
class AnswerIn(Condition):
    question: str
    options: tuple[str, ...]

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        value = answers.get(self.question)
        if value is None:
            return _unknown(self.question)
        wanted = set(self.options)
        return Outcome(bool(value & wanted) if isinstance(value, frozenset) else value in wanted)

    def describe(self, questions: Mapping[str, Any]) -> str:
        labels = [f'"{_label(questions, self.question, option)}"' for option in self.options]
        return f"{self.question} is {' or '.join(labels)}"

    def to_data(self) -> dict[str, Any]:
        return {"answer": self.question, "in": list(self.options)}


@dataclass(frozen=True)
class AnswerCompare(Condition):
    question: str
    comparison: str
    amount: float

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        value = answers.get(self.question)
        if value is None:
            return _unknown(self.question)
        return Outcome(COMPARISONS[self.comparison][0](value, self.amount))

    def describe(self, questions: Mapping[str, Any]) -> str:
        return f"{self.question} is {COMPARISONS[self.comparison][1]} {self.amount}"

    def to_data(self) -> dict[str, Any]:
        return {"answer": self.question, self.comparison: self.amount}


def _as_day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class DaysCompare(Condition):
    """The calendar days from one dated answer to another, compared."""

    start: str
    end: str
    comparison: str
    amount: float

    def evaluate(self, answers: Mapping[str, Value], criterion: Resolver | None = None) -> Outcome:
        start, end = answers.get(self.start), answers.get(self.end)
        missing = [q for q, v in ((self.start, start), (self.end, end)) if v is None]
        if missing:
            return _unknown(*missing)
        days = (_as_day(end) - _as_day(start)).days
        return Outcome(COMPARISONS[self.comparison][0](days, self.amount))

    def describe(self, questions: Mapping[str, Any]) -> str:
        return (f"{self.end} is {COMPARISONS[self.comparison][1]} {self.amount} days "
                f"after {self.start}")

    def to_data(self) -> dict[str, Any]:
        return {"days": {"from": self.start, "to": self.end}, self.comparison: self.amount}


def _comparison(data: Mapping[str, Any]) -> str:
    found = [name for name in COMPARISONS if name in data]
    if len(found) != 1:
        raise ValueError(f"a condition needs exactly one comparison of {', '.join(COMPARISONS)}: {dict(data)!r}")
    return found[0]


def parse(data: Mapping[str, Any]) -> Condition:
    """Parse a condition already checked against the rules schema.

    Raises ValueError for a shape the schema would have refused.
    """
    operators = [key for key in OPERATORS if key in data]
    if len(operators) != 1:
        raise ValueError(f"a condition needs exactly one of {', '.join(OPERATORS)}: {dict(data)!r}")
    operator = operators[0]
    if operator in COMBINATORS:
        items = tuple(parse(item) for item in data[operator])
        return AllOf(items) if operator == "all" else AnyOf(items)
    if operator == "not":
        return Not(parse(data["not"]))
    if operator == "criterion":
        return CriterionRef(data["criterion"])
    if operator == "days":
        return DaysCompare(data["days"]["from"], data["days"]["to"], _comparison(data), data[_comparison(data)])
    if "is" in data:
        return AnswerIs(data["answer"], data["is"])
    if "in" in data:
        return AnswerIn(data["answer"], tuple(data["in"]))
    return AnswerCompare(data["answer"], _comparison(data), data[_comparison(data)])
