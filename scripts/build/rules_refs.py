"""The checks every rules file shares: references in conditions (questions
asked before, tests that fit the question's type, criteria of the same
framework), citations (the page and anchor exist, the quote is verbatim in
the seed and on the page), duplicate ids and criteria that refer in a loop."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from checker._conditions import AnswerCompare, AnswerIn, AnswerIs, Condition, CriterionRef, DaysCompare, parse

from . import fidelity
from .rules_files import Project
from .rules_yaml import Document, Path_, Problem


@dataclass
class CheckContext:
    """What the checks of one compile share: every problem found, the
    catalogues read so far (to resolve references), and caches of the seeds'
    and pages' text for citations."""

    project: Project
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    start_points: dict[str, dict[str, Any]] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)   # all of them, to tell "later" from "unknown"
    # Catalogues (questions, sources, definitions) whose file did not load: a
    # reference to them is not reported, so one broken file gives its own
    # problems rather than hundreds of "unknown ..." lines elsewhere.
    unread: set[str] = field(default_factory=set)
    _seed_text: dict[str, str] = field(default_factory=dict)
    _page_text: dict[Path, str] = field(default_factory=dict)
    _page_anchors: dict[Path, set[str]] = field(default_factory=dict)

    # -- conditions ----------------------------------------------------------
    def check_condition(self, doc: Document, path: Path_, condition: dict[str, Any],
                        allowed: dict[str, dict[str, Any]], criteria: set[str] | None,
                        where: str) -> None:
        """Check that *condition* refers only to *allowed* questions, with tests
        that fit their types, and only to known *criteria*."""
        for step, part in parse(condition).walk():
            at = path + step
            if isinstance(part, CriterionRef):
                if criteria is None:
                    self.problems.append(doc.problem(at + ("criterion",), f"{where} cannot refer to a criterion"))
                elif part.criterion not in criteria:
                    self.problems.append(doc.problem(at + ("criterion",),
                                                     f"unknown criterion '{part.criterion}'; "
                                                     f"this framework defines: {', '.join(sorted(criteria))}"))
            elif isinstance(part, DaysCompare):
                for end, question_id in (("from", part.start), ("to", part.end)):
                    question = self._question(doc, at + ("days", end), question_id, allowed, where)
                    if question and question["type"] not in ("date", "moment"):
                        self.problems.append(doc.problem(at + ("days", end),
                                                         f"'days' needs a date or moment question; "
                                                         f"'{question['id']}' is {question['type']}"))
            elif isinstance(part, (AnswerIs, AnswerIn, AnswerCompare)):
                question = self._question(doc, at + ("answer",), part.question, allowed, where)
                if question:
                    self._check_test(doc, at, part, question)

    def _question(self, doc: Document, path: Path_, question_id: str,
                  allowed: dict[str, dict[str, Any]], where: str) -> dict[str, Any] | None:
        if question_id in allowed:
            return allowed[question_id]
        if "questions" in self.unread:
            return None
        if question_id in self.question_ids:
            self.problems.append(doc.problem(path, f"{where} may only refer to questions asked before it; "
                                             f"'{question_id}' comes later"))
        else:
            self.problems.append(doc.problem(path, f"unknown question '{question_id}'"))
        return None

    def _check_test(self, doc: Document, path: Path_, part: Condition, question: dict[str, Any]) -> None:
        kind, name = question["type"], question["id"]
        if isinstance(part, AnswerIs) and kind != "yesno":
            self.problems.append(doc.problem(path + ("is",), f"'is' tests a yes/no question; '{name}' is {kind}"))
        if isinstance(part, AnswerIn):
            if kind not in ("choice", "multi"):
                self.problems.append(doc.problem(path + ("in",), f"'in' tests a choice; '{name}' is {kind}"))
            else:
                options = [o["id"] for o in question["options"]]
                for index, option in enumerate(part.options):
                    if option not in options:
                        self.problems.append(doc.problem(path + ("in", index),
                                                         f"'{option}' is not an option of '{name}'; "
                                                         f"its options are: {', '.join(options)}"))
        if isinstance(part, AnswerCompare) and kind != "number":
            self.problems.append(doc.problem(path + (part.comparison,),
                                             f"'{part.comparison}' tests a number; '{name}' is {kind}"))

    # -- citations -----------------------------------------------------------
    def check_cite(self, doc: Document, path: Path_, cite: dict[str, Any]) -> dict[str, str]:
        """Check one citation; return it as it goes into the bundle."""
        page, _, anchor = cite["page"].partition("#")
        source_id = page.split("/")[1]
        md_path = self.project.docs / page
        if self._section_exists(doc, path + ("page",), cite["page"]):
            quote = fidelity.normalise_quote(cite["quote"])
            seed = self.sources[source_id]["seed"]
            if not (self.project.seeds / seed).is_file():
                pass  # reported once, against rules/sources.yaml
            elif quote not in self._seed(seed):
                self.problems.append(doc.problem(path + ("quote",), f"quote not found verbatim in seeds/{seed}: "
                                                 f"\"{quote[:70]}{'...' if len(quote) > 70 else ''}\""))
            elif quote not in self._page(md_path):
                self.problems.append(doc.problem(path + ("quote",), f"quote is in the seed but not on docs/{page}"))
        return {"page": _page_url(page) + "#" + anchor, "quote": fidelity.normalise(cite["quote"])}

    def check_section(self, doc: Document, path: Path_, section: str) -> str:
        """Check that *section* (``guidance/<source>/<page>.md#<anchor>``) is a
        heading of the published guidance; return its site URL."""
        self._section_exists(doc, path, section)
        page, _, anchor = section.partition("#")
        return _page_url(page) + "#" + anchor

    def _section_exists(self, doc: Document, path: Path_, section: str) -> bool:
        page, _, anchor = section.partition("#")
        source_id = page.split("/")[1]
        md_path = self.project.docs / page
        if "sources" in self.unread:
            return False
        if source_id not in self.sources:
            self.problems.append(doc.problem(path, f"'{source_id}' is not a source; "
                                             f"sources are: {', '.join(self.sources)}"))
            return False
        if not md_path.is_file():
            self.problems.append(doc.problem(path, f"page docs/{page} does not exist"))
            return False
        if anchor not in self._anchors(md_path):
            anchors = re.findall(r"\{[^}\n]*#([a-z0-9-]+)", md_path.read_text(encoding="utf-8"))
            self.problems.append(doc.problem(path, f"anchor #{anchor} is not on docs/{page}; "
                                             f"its anchors are: {', '.join(anchors) or 'none'}"))
        return True

    def _seed(self, name: str) -> str:
        if name not in self._seed_text:
            self._seed_text[name] = fidelity.seed_text(self.project.seeds / name)
        return self._seed_text[name]

    def _anchors(self, path: Path) -> set[str]:
        """The ids a page's attribute lists give (``{ #id }``, ``{: .c #id }``)."""
        if path not in self._page_anchors:
            markdown = path.read_text(encoding="utf-8")
            self._page_anchors[path] = {anchor for block in re.findall(r"\{[^}\n]*[}\n]?", markdown)
                                        for anchor in re.findall(r"#([^\s}#]+)(?=[\s}])", block)}
        return self._page_anchors[path]

    def _page(self, path: Path) -> str:
        if path not in self._page_text:
            self._page_text[path] = fidelity.html_text(fidelity.render_markdown([path]))
        return self._page_text[path]


def _page_url(md_page: str) -> str:
    """docs-relative Markdown path -> site URL path (MkDocs directory URLs)."""
    stem = md_page[:-len(".md")]
    return stem[:-len("index")] if stem.endswith("/index") or stem == "index" else stem + "/"


def duplicates(doc: Document, items: list[dict[str, Any]], path: Path_, what: str) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item["id"] in seen:
            line, _ = doc.where(path + (seen[item["id"]], "id"))
            yield doc.problem(path + (index, "id"), f"duplicate {what} id '{item['id']}' (first on line {line})")
        else:
            seen[item["id"]] = index


def criterion_refs(condition: dict[str, Any]) -> Iterator[str]:
    return (part.criterion for _, part in parse(condition).walk() if isinstance(part, CriterionRef))


def check_cycles(ctx: CheckContext, doc: Document, criteria: list[dict[str, Any]],
                  refs: dict[str, set[str]], prefix: Path_ = ()) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for ref in sorted(refs.get(node, ())):
            if state.get(ref) == 1:
                cycle = " -> ".join(trail[trail.index(ref):] + [ref]) if ref in trail else f"{node} -> {ref}"
                index = next(i for i, c in enumerate(criteria) if c["id"] == node)
                ctx.problems.append(doc.problem(prefix + ("criteria", index, "when"),
                                                    f"criteria refer to each other in a loop: {cycle}"))
            elif ref in refs and state.get(ref) is None:
                visit(ref, trail + [ref])
        state[node] = 2

    for criterion in criteria:
        if state.get(criterion["id"]) is None:
            visit(criterion["id"], [criterion["id"]])
