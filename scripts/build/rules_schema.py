"""The shape of every rules file, and a small validator that reports every
problem (not just the first) against the positions of :mod:`rules_yaml`.

Shapes are plain objects (`Record`, `ListOf`, `Str`, ...) so the schema reads
as a description of the files; the cross-file meaning (references, quotes,
anchors) is checked in :mod:`scripts.build.rules_check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from checker import STATUSES
from checker._conditions import GRAMMAR, OPERATORS, TEST_KINDS
from checker._model import STRENGTHS

from .rules_yaml import Document, Path_, Problem

ID = re.compile(r"^[a-z][a-z0-9_]*$")            # question and option ids: URL-fragment safe
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")        # framework, criterion, obligation ids
QUESTION_TYPES = ("yesno", "choice", "multi", "date", "moment", "number")
ACTIONS = ("notify", "refer", "inform", "review", "submit", "publish")
UNITS = ("hours", "working_days", "calendar_days", "months")


def _type_name(value: Any) -> str:
    return {bool: "yes/no", int: "number", float: "number", str: "text", list: "list",
            dict: "mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


class Shape:
    """Base of all shapes: ``check`` returns the problems of *value*."""

    expects = "a value"

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        raise NotImplementedError

    def _wrong(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        hint = " (YAML reads unquoted yes/no/on/off as true/false: quote it)" if isinstance(value, bool) else ""
        return [doc.problem(path, f"expected {self.expects}, got {_type_name(value)} {value!r:.60}{hint}")]


@dataclass
class Str(Shape):
    pattern: re.Pattern[str] | None = None
    what: str = "text"

    @property
    def expects(self) -> str:  # type: ignore[override]
        return self.what

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if not isinstance(value, str) or not value.strip():
            return self._wrong(doc, path, value)
        if self.pattern and not self.pattern.match(value):
            return [doc.problem(path, f"'{value}' is not {self.what}")]
        return []


class Bool(Shape):
    expects = "true or false"

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        return [] if isinstance(value, bool) else self._wrong(doc, path, value)


@dataclass
class Int(Shape):
    minimum: int = 0
    maximum: int | None = None
    expects = "a whole number"

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong(doc, path, value)
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            span = f"of at least {self.minimum}" if self.maximum is None else f"from {self.minimum} to {self.maximum}"
            return [doc.problem(path, f"expected a whole number {span}, got {value}")]
        return []


class Anything(Shape):
    """Any value: its meaning is checked elsewhere (an example's answers, by
    the checker's own answer parser)."""

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        return []


@dataclass
class Nullable(Shape):
    """*shape*, or ``null``."""

    shape: Shape

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        return [] if value is None else self.shape.check(doc, path, value)


class Number(Shape):
    expects = "a number"

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else self._wrong(doc, path, value)


@dataclass
class Enum(Shape):
    values: tuple[str, ...]

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if value in self.values:
            return []
        return [doc.problem(path, f"'{value}' is not allowed here; expected one of: {', '.join(self.values)}")]


@dataclass
class ListOf(Shape):
    item: Shape
    min_items: int = 1

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if not isinstance(value, list):
            return [doc.problem(path, f"expected a list, got {_type_name(value)}")]
        if len(value) < self.min_items:
            return [doc.problem(path, f"expected at least {self.min_items} item(s)")]
        problems: list[Problem] = []
        for index, item in enumerate(value):
            problems += self.item.check(doc, path + (index,), item)
        return problems


@dataclass
class Record(Shape):
    required: dict[str, Shape]
    optional: dict[str, Shape] = field(default_factory=dict)
    what: str = "mapping"

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        allowed = {**self.required, **self.optional}
        if not isinstance(value, dict):
            return [doc.problem(path, f"expected a {self.what} (a mapping with keys: {', '.join(allowed)}), "
                                f"got {_type_name(value)}")]
        problems: list[Problem] = []
        for key in value:
            if key not in allowed:
                problems.append(doc.problem(path + (key,), f"unknown key '{key}' in {self.what}; "
                                            f"allowed keys: {', '.join(allowed)}", key=True))
        for key in self.required:
            if key not in value:
                problems.append(doc.problem(path, f"{self.what} is missing required key '{key}'"))
        for key, shape in allowed.items():
            if key in value:
                problems += shape.check(doc, path + (key,), value[key])
        return problems


@dataclass
class MapOf(Shape):
    """A mapping whose keys are ids of the author's choosing."""

    key: re.Pattern[str]
    value: Shape
    what: str = "entry"
    values: str = ""       # what the values are called, if not "<what>s"
    may_be_empty: bool = False

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if not isinstance(value, dict) or not (value or self.may_be_empty):
            return [doc.problem(path, f"expected a mapping of {self.what} ids to {self.values or self.what + 's'}, "
                                f"got {_type_name(value) if value != {} else 'an empty mapping'}")]
        problems: list[Problem] = []
        for key, item in value.items():
            if not self.key.match(str(key)):
                problems.append(doc.problem(path + (key,), f"'{key}' is not a valid {self.what} id", key=True))
            problems += self.value.check(doc, path + (key,), item)
        return problems


class Condition(Shape):
    """A rule condition, with the grammar of :mod:`checker._conditions`."""

    def value_shape(self, kind: str) -> Shape:
        """The shape of a value of *kind* (checker._conditions.GRAMMAR's kinds)."""
        return {"conditions": ListOf(self), "condition": self,
                "criterion id": Str(SLUG, "a criterion id"), "question id": Str(ID, "a question id"),
                "span": Record({"from": Str(ID, "a question id"), "to": Str(ID, "a question id")},
                               what="'days' span"),
                "yes/no": Bool(), "option ids": ListOf(Str(ID, "an option id")), "number": Number()}[kind]

    def check(self, doc: Document, path: Path_, value: Any) -> list[Problem]:
        if not isinstance(value, dict):
            return [doc.problem(path, f"expected a condition (a mapping with one of: "
                                f"{', '.join(OPERATORS)}), got {_type_name(value)}")]
        operators = [k for k in value if k in OPERATORS]
        if len(operators) != 1:
            found = ", ".join(operators) or "none"
            return [doc.problem(path, f"a condition needs exactly one of {', '.join(OPERATORS)} "
                                f"(found: {found})")]
        operator = operators[0]
        kind, tests = GRAMMAR[operator]
        shapes = {operator: self.value_shape(kind)}
        if tests:
            given = [k for k in value if k in tests]
            if len(given) != 1:
                return [doc.problem(path, f"'{operator}' condition needs exactly one test of: {', '.join(tests)} "
                                    f"(found: {', '.join(given) or 'none'})")]
            shapes[given[0]] = self.value_shape(TEST_KINDS[given[0]])
        return Record(shapes, what=f"'{operator}' condition").check(doc, path, value)


SECTION = Str(re.compile(r"^guidance/[a-z0-9-]+/[a-z0-9-]+\.md#[a-z0-9-]+$"),
              "a page of the form guidance/<source>/<page>.md#<anchor>")
CITE = Record({"page": SECTION, "quote": Str(what="a verbatim quote")}, what="citation")

OPTION = Record({"id": Str(ID, "an option id (lowercase letters, digits, _)"), "label": Str()}, what="option")

QUESTION = Record(
    required={"id": Str(ID, "a question id (lowercase letters, digits, _)"), "type": Enum(QUESTION_TYPES),
              "text": Str()},
    optional={"help": Str(), "options": ListOf(OPTION, min_items=2), "ask_if": Condition(),
              "definition": Str(), "cite": ListOf(CITE),
              # a row of the Compare page's matrix for each option some framework tests
              "matrix": Bool(),
              # the section of the form it belongs to (questions.yaml's `sections`)
              "section": Str(ID, "a section id")},
    what="question")

START_POINT = Record({"question": Str(ID, "a question id"), "text": Str()}, what="start point")

QUESTIONS_FILE = Record(
    required={"start_points": MapOf(ID, START_POINT, "start point"), "questions": ListOf(QUESTION)},
    optional={"sections": MapOf(ID, Str(what="a section title"), "section", "titles")},
    what="questions file")

SOURCE = Record({"id": Str(SLUG, "a source id"), "seed": Str(re.compile(r"^\d{3}_[0-9a-f]+\.txt$"), "a seed file name"),
                 "title": Str(), "short_title": Str(), "issued_by": Str(), "version": Str(), "nation": Str(),
                 "status": Str(), "currency": Enum(("current", "old", "historic"))},
                what="source")
SOURCES_FILE = Record({"sources": ListOf(SOURCE)}, what="sources file")

CALENDAR_FILE = Record({"bank_holidays": Record(
    {"country": Str(), "subdiv": Str(), "first_year": Int(2000, 2100), "last_year": Int(2000, 2100)},
    what="bank holiday settings")}, what="calendar file")

WITHIN = Record({"amount": Int(1), "unit": Enum(UNITS), "from": Str(ID, "a start point id")}, what="timescale")

CRITERION = Record({"id": Str(SLUG, "a criterion id (lowercase, digits, hyphens)"), "text": Str(),
                    "when": Condition(), "cite": CITE}, optional={"note": Str()}, what="criterion")

# A second reading of a timescale the source states two ways (e.g. "15 days"
# and "15 working days"): the engine keeps `within` as the due date and gives
# this reading's date in the due note, so neither is hidden.
OTHER_READING = Record({"within": WITHIN, "text": Str()}, what="other reading")

OBLIGATION = Record(
    required={"id": Str(SLUG, "an obligation id"), "action": Enum(ACTIONS), "who": Str(), "to": Str(),
              "via": Str(), "strength": Enum(STRENGTHS), "if": Condition(), "cite": CITE},
    optional={"within": WITHIN, "other_reading": OTHER_READING, "note": Str()}, what="obligation")

# A definition that is itself a test gets a small checker on its page: its
# own questions and criteria, and the condition under which the term applies.
DEFINITION_TEST = Record(
    required={"question": Str(), "cite": CITE, "questions": ListOf(QUESTION), "criteria": ListOf(CRITERION),
              "holds": Condition(),
              "outcome": Record({"yes": Str(), "no": Str(), "unknown": Str()}, what="outcome wording")},
    what="definition test")

DEFINITION = Record(
    required={"id": Str(SLUG, "a definition id (its page is definitions/<id>/)"), "term": Str(),
              "quotes": ListOf(CITE)},
    optional={"see_also": ListOf(Str(SLUG, "a definition id")),
              "note": Str(), "test": DEFINITION_TEST},
    what="definition")
DEFINITIONS_FILE = Record({"definitions": ListOf(DEFINITION)}, what="definitions file")

ABBREVIATION = Record({"abbr": Str(re.compile(r"^[A-Za-z][A-Za-z0-9&/.-]*$"), "an abbreviation"),
                       "expansion": Str()},
                      optional={"cite": CITE, "definition": Str(SLUG, "a definition id")}, what="abbreviation")
GLOSSARY_FILE = Record({"abbreviations": ListOf(ABBREVIATION)}, what="glossary file")

FRAMEWORK_FILE = Record(
    required={"id": Str(SLUG, "a framework id"), "title": Str(), "source": Str(SLUG, "a source id"),
              "current": Bool(),
              "scope": Record({"text": Str(), "when": Condition(), "cite": CITE}, what="scope"),
              "criteria": ListOf(CRITERION), "obligations": ListOf(OBLIGATION)},
    # current_note: what replaced a superseded procedure and since when (required when current is false);
    # note: a sentence every result of this framework carries (e.g. "check the area's own procedure too").
    optional={"current_note": Str(), "note": Str(),
              "short_title": Str(what="a short name for tables and headings")},
    what="framework file")

DUE = Str(re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$"), 'a due date "YYYY-MM-DD" or moment "YYYY-MM-DDTHH:MM"')
EXPECTATION = Record(
    required={"status": Enum(STATUSES)},
    optional={"obligations": MapOf(SLUG, Nullable(DUE), "obligation", "due dates (or null)", may_be_empty=True),
              "missing": ListOf(Str(ID, "a question id"), min_items=0)},
    what="expected outcome")
CASE = Record({"name": Str(what="a sentence"),
               "answers": MapOf(ID, Anything(), "question", "answers", may_be_empty=True),
               "expect": MapOf(SLUG, EXPECTATION, "framework", "expected outcomes")},
              # anchors this example was published under before its name changed: kept, so links never break
              optional={"former_anchors": ListOf(Str(SLUG, "an anchor (lowercase, digits, hyphens)")),
                        # its anchor on the page, where its first words are those of another case
                        "anchor": Str(SLUG, "an anchor (lowercase, digits, hyphens)")},
              what="worked example")
EXAMPLES_FILE = Record({"cases": ListOf(CASE)}, what="examples file")

# An ambiguity or conflict in the sources that the rules had to decide, shown
# on the "Where the sources disagree" page (rules/disagreements/*.yaml).
DISAGREEMENT = Record(
    required={"id": Str(SLUG, "a disagreement id (its anchor on the page)"), "title": Str(),
              "frameworks": ListOf(Str(SLUG, "a framework id")), "cites": ListOf(CITE),
              "issue": Str(what="what the sources say that is ambiguous or in conflict"),
              "reading": Str(what="the reading the checker takes"), "why": Str()},
    what="disagreement")
DISAGREEMENTS_FILE = Record({"disagreements": ListOf(DISAGREEMENT)}, what="disagreements file")

# The site's own pages a vocabulary entry may lead to (their URL is the name
# followed by a slash).
SITE_PAGES = ("check", "compare", "examples", "register", "disagreements", "glossary", "definitions", "guidance",
              "about")

# The words practitioners type, and what they mean on this site
# (rules/vocabulary.yaml): they feed the search index and each definition
# page's "Also called" line.  `incident` and `check` go together: a search
# result that opens the checker with those answers.
VOCABULARY_ENTRY = Record(
    required={"words": ListOf(Str(what="a word or phrase")), "reason": Str(what="one line: why these words lead there")},
    optional={"terms": ListOf(Str(SLUG, "a definition id")), "sections": ListOf(SECTION),
              "pages": ListOf(Enum(SITE_PAGES)),
              "incident": Str(what='a phrase completing "Check this incident: ..."'),
              "check": MapOf(ID, Anything(), "question", "answers")},
    what="vocabulary entry")
VOCABULARY_FILE = Record({"vocabulary": ListOf(VOCABULARY_ENTRY)}, what="vocabulary file")
