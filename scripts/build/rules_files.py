"""Load every rules file once (``rules/*.yaml``, ``rules/frameworks/``,
``rules/examples/``, ``rules/disagreements/``) into one :class:`RuleFiles`,
each file checked against its schema with ``path:line:col`` positions.  The
bundle and the site's pages are both made from this one object."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .rules_schema import (CALENDAR_FILE, DEFINITIONS_FILE, DISAGREEMENTS_FILE, EXAMPLES_FILE, FRAMEWORK_FILE,
                           GLOSSARY_FILE, QUESTIONS_FILE, SOURCES_FILE, VOCABULARY_FILE)
from .rules_yaml import Document, Problem, load

ROOT = Path(__file__).resolve().parents[2]


class RulesError(Exception):
    """The rules do not compile; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Project:
    """Where the inputs live; tests point it at copies with broken files."""

    rules: Path = ROOT / "rules"
    docs: Path = ROOT / "docs"
    seeds: Path = ROOT / "seeds"

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.rules.parent))
        except ValueError:
            return str(path)


@dataclass


@dataclass
class RuleFiles:
    """Every rules file, read once.  A file that could not be read or does
    not fit its schema is ``None`` (its problems are in ``problems``)."""

    project: Project
    sources: Document | None
    calendar: Document | None
    questions: Document | None
    definitions: Document | None
    glossary: Document | None
    vocabulary: Document | None
    frameworks: dict[Path, Document | None]
    examples: list[Document]
    disagreements: list[Document]
    problems: list[Problem] = field(default_factory=list)
    # Catalogues whose file exists but did not load: a reference to them is
    # not reported, so one broken file gives its own problems rather than
    # hundreds of "unknown ..." lines elsewhere.
    unread: set[str] = field(default_factory=set)

    def cases(self) -> list[dict[str, Any]]:
        """Every worked example, in file then case order."""
        return [case for doc in self.examples for case in doc.data["cases"]]


def example_cases(folder: Path = ROOT / "rules" / "examples", pattern: str = "*.yaml") -> list[dict[str, Any]]:
    """The worked examples of *folder* as written, in file then case order,
    for the tests that judge them (the build reads them validated, below)."""
    return [case for path in sorted(folder.glob(pattern))
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


# A heading anchor's readable length (tests/test_published_anchors.py: at most 60).
ANCHOR_LENGTH = 60


def slug(name: str) -> str:
    """A readable anchor for a case, from the first words of its sentence."""
    words = re.sub(r"[^a-z0-9 ]", "", name.lower()).split()
    text = ""
    for word in words:
        if len(text) + len(word) > 58:
            break
        text = f"{text}-{word}" if text else word
    return text


def anchor(case: dict[str, Any]) -> str:
    """A case's anchor on the Worked examples page: its own ``anchor``, given
    where two sentences begin alike (the rules check refuses two cases with
    one anchor), else the first words of its sentence."""
    return case.get("anchor") or slug(case["name"])


def load_file(project: Project, path: Path, shape: Any, problems: list[Problem]) -> Document | None:
    """One rules file, or None with its problems added to *problems*."""
    display = project.display(path)
    try:
        document, found = load(path, display)
    except (ValueError, TypeError) as error:
        document, found = None, [_unbuildable_scalar(path, display, error)]
    problems += found
    if document is None:
        return None
    schema_problems = shape.check(document, (), document.data)
    problems += schema_problems
    return None if schema_problems else document


def load_rule_files(project: Project | None = None) -> RuleFiles:
    """Read every rules file of *project* once."""
    project = project or Project()
    problems: list[Problem] = []
    rules = project.rules

    def optional(name: str, shape: Any) -> Document | None:
        return load_file(project, rules / name, shape, problems) if (rules / name).exists() else None

    framework_paths = sorted((rules / "frameworks").glob("*.yaml"))
    if not framework_paths:
        problems.append(Problem(project.display(rules / "frameworks"), 1, 1, "no framework files (*.yaml) found"))
    files = RuleFiles(
        project=project,
        sources=load_file(project, rules / "sources.yaml", SOURCES_FILE, problems),
        calendar=load_file(project, rules / "calendar.yaml", CALENDAR_FILE, problems),
        questions=load_file(project, rules / "questions.yaml", QUESTIONS_FILE, problems),
        definitions=optional("definitions.yaml", DEFINITIONS_FILE),
        glossary=optional("glossary.yaml", GLOSSARY_FILE),
        vocabulary=optional("vocabulary.yaml", VOCABULARY_FILE),
        frameworks={path: load_file(project, path, FRAMEWORK_FILE, problems) for path in framework_paths},
        examples=[],
        disagreements=[],
    )
    files.examples = [doc for path in sorted((rules / "examples").glob("*.yaml"))
                      if (doc := load_file(project, path, EXAMPLES_FILE, problems)) is not None]
    files.disagreements = [doc for path in sorted((rules / "disagreements").glob("*.yaml"))
                           if (doc := load_file(project, path, DISAGREEMENTS_FILE, problems)) is not None]
    files.problems = problems
    files.unread = {name for name, doc in (("sources", files.sources), ("questions", files.questions)) if doc is None}
    if files.definitions is None and (rules / "definitions.yaml").exists():
        files.unread.add("definitions")
    return files


def _unbuildable_scalar(path: Path, display: str, error: Exception) -> Problem:
    """PyYAML recognises some plain scalars by their look (``2016-13-01`` is
    a date) and then fails to build them, without saying where: find the
    first such scalar for its position."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        pending = [loader.get_single_node()]
        while pending:
            node = pending.pop(0)
            if isinstance(node, yaml.MappingNode):
                pending[:0] = [part for pair in node.value for part in pair]
            elif isinstance(node, yaml.SequenceNode):
                pending[:0] = node.value
            elif node is not None:
                try:
                    loader.construct_object(node)
                except (ValueError, TypeError) as failure:
                    kind = "a date" if node.tag.endswith(":timestamp") else node.tag.rpartition(":")[2]
                    return Problem(display, node.start_mark.line + 1, node.start_mark.column + 1,
                                   f"'{node.value}' reads as {kind} but is not a valid one ({failure}); "
                                   f"correct it, or quote it if it is meant as text")
    finally:
        loader.dispose()
    return Problem(display, 1, 1, f"a value cannot be read: {error}")
