"""Pytest plugin: every worked example in ``rules/examples/*.yaml`` is a test
item named by its sentence, evaluated by the checker in CPython.

Expected statuses, obligations (with due dates) and missing answers come from
the YAML only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from scripts.build.rules_files import example_cases


def pytest_sessionstart(session: pytest.Session) -> None:
    # Examples, the CLI and every test run against the rules as they are now,
    # never a stale bundle from an earlier build.
    from scripts.build import compile_rules

    compile_rules.write_bundle(compile_rules.compile_rules(), compile_rules.DEFAULT_OUT)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "examples" and file_path.parent.parent.name == "rules":
        return ExamplesFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".yaml" and file_path.parent.name == "definition-tests":
        return DefinitionExamplesFile.from_parent(parent, path=file_path)
    return None


class ExamplesFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        for case in example_cases(self.path.parent, self.path.name):
            yield ExampleItem.from_parent(self, name=case["name"], case=case)


class ExampleItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        import checker

        result = checker.evaluate({"answers": self.case["answers"]}, checker.load_rules())
        frameworks = {f["id"]: f for f in result["frameworks"]}
        problems = []
        for framework_id, expected in self.case["expect"].items():
            actual = frameworks.get(framework_id)
            if actual is None:
                problems.append(f"{framework_id}: no such framework")
                continue
            if actual["status"] != expected["status"]:
                problems.append(f"{framework_id}: status {actual['status']!r}, expected {expected['status']!r}")
            if "obligations" in expected:
                got = {o["id"]: o["due"] for o in actual["obligations"]}
                if got != expected["obligations"]:
                    problems.append(f"{framework_id}: obligations {got}, expected {expected['obligations']}")
            if "missing" in expected and actual["missing"] != expected["missing"]:
                problems.append(f"{framework_id}: missing {actual['missing']}, expected {expected['missing']}")
        if problems:
            raise ExampleFailed(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ExampleFailed):
            return "\n".join(excinfo.value.problems)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"example: {self.name}"


class DefinitionExamplesFile(pytest.File):
    """Worked examples of the definitions that are tests (the small checkers
    on definition pages): ``definition``, ``answers``, ``expect: {holds, missing}``."""

    def collect(self) -> Iterator[pytest.Item]:
        for case in example_cases(self.path.parent, self.path.name):
            yield DefinitionExampleItem.from_parent(self, name=case["name"], case=case)


class DefinitionExampleItem(ExampleItem):
    def runtest(self) -> None:
        import checker

        result = checker.check_definition(self.case["definition"], {"answers": self.case["answers"]})
        expected = self.case["expect"]
        problems = [f"{key}: {result[key]!r}, expected {expected[key]!r}"
                    for key in ("holds", "missing") if key in expected and result[key] != expected[key]]
        if problems:
            raise ExampleFailed(problems)


class ExampleFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
