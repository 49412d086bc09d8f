"""Typed, frozen records of the rules, built once when the bundle is read:
questions, frameworks with their scope, criteria and obligations, and the
definitions that are tests.  Conditions are parsed into
:mod:`checker._conditions` objects here, once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ._conditions import Condition, parse

Cite = Mapping[str, str]  # {"page": "guidance/...#anchor", "quote": "..."}

# The source's own word for an obligation, strongest first (SPEC section 4):
# a must or should is acted on (status "notify"), a may is considered.
STRENGTHS = ("must", "should", "may")
ACTED_ON = STRENGTHS[:2]


@dataclass(frozen=True)
class Option:
    """One answer a choice or multi-choice question offers."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """A question of the checker or of a definition's small checker."""

    id: str
    type: str
    text: str
    help: str | None
    options: tuple[Option, ...]
    ask_if: Condition | None
    definition: str | None
    cite: tuple[Cite, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Question:
        return cls(id=data["id"], type=data["type"], text=data["text"], help=data.get("help"),
                   options=tuple(Option(o["id"], o["label"]) for o in data.get("options", [])),
                   ask_if=parse(data["ask_if"]) if data.get("ask_if") else None,
                   definition=data.get("definition"), cite=tuple(data.get("cite", [])))

    def is_asked(self, answers: Mapping[str, Any]) -> bool:
        """True when the ask-if condition holds for *answers* (or there is none)."""
        return self.ask_if is None or self.ask_if.evaluate(answers).value is True


@dataclass(frozen=True)
class StartPoint:
    """Where a timescale runs from: the dated question and its words."""

    question: str
    text: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> StartPoint:
        return cls(data["question"], data["text"])


@dataclass(frozen=True)
class Criterion:
    """A named condition of a framework, with the sentence it rests on."""

    id: str
    text: str
    when: Condition
    cite: Cite
    note: str | None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Criterion:
        return cls(data["id"], data["text"], parse(data["when"]), data["cite"], data.get("note"))


@dataclass(frozen=True)
class Obligation:
    id: str
    action: str
    who: str
    to: str
    via: str
    strength: str
    when: Condition
    within: Mapping[str, Any] | None
    other_reading: Mapping[str, Any] | None
    note: str | None
    cite: Cite

    @property
    def mandatory(self) -> bool:
        """Kept for compatibility with the JSON contract: a *must*."""
        return self.strength == "must"

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Obligation:
        return cls(id=data["id"], action=data["action"], who=data["who"], to=data["to"], via=data["via"],
                   strength=data["strength"], when=parse(data["if"]), within=data.get("within"),
                   other_reading=data.get("other_reading"), note=data.get("note"), cite=data["cite"])


@dataclass(frozen=True)
class Scope:
    text: str
    when: Condition
    cite: Cite


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    source: Mapping[str, Any]
    current: bool
    current_note: str | None
    note: str | None
    scope: Scope
    criteria: tuple[Criterion, ...]
    obligations: tuple[Obligation, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Framework:
        scope = data["scope"]
        return cls(id=data["id"], title=data["title"], source=data["source"], current=data["current"],
                   current_note=data.get("current_note"), note=data.get("note"),
                   scope=Scope(scope["text"], parse(scope["when"]), scope["cite"]),
                   criteria=tuple(Criterion.from_data(c) for c in data["criteria"]),
                   obligations=tuple(Obligation.from_data(o) for o in data["obligations"]))


@dataclass(frozen=True)
class DefinitionTest:
    """A defined term that is itself a test, with the small checker on its page."""

    id: str
    term: str
    question: str
    cite: Cite
    questions: tuple[Question, ...]
    criteria: tuple[Criterion, ...]
    holds: Condition
    outcome: Mapping[str, str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DefinitionTest:
        return cls(id=data["id"], term=data["term"], question=data["question"], cite=data["cite"],
                   questions=tuple(Question.from_data(q) for q in data["questions"]),
                   criteria=tuple(Criterion.from_data(c) for c in data["criteria"]),
                   holds=parse(data["holds"]), outcome=data["outcome"])
