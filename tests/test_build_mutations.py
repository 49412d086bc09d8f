"""A bad rules file stops the whole site build (SPEC section 7).

Each mutation of a real rules file listed in tests/fixtures/rules_mutations.yaml
is applied to a copy of the project, and `mkdocs build --strict` must fail with
the mutation's `path:line:col: message`, without a traceback, without building
a site and without touching the checker's rules bundle.

Copying the project for every build would cost more than the build, so it is
copied once per session; before each build only `rules/` (what a mutation
changes) and `checker/` (what a build writes: the bundle) are restored, and
every build checks that nothing else in the copy changed.  The builds are
separate processes, so the mutations are built two at a time, each worker in
a copy of its own, and each test then judges its mutation's recorded build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from scripts.build import compile_rules

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS_FILE = ROOT / "tests" / "fixtures" / "rules_mutations.yaml"
RESTORED = ("rules", "checker")
BUNDLE = Path("checker") / "rules_bundle.json"


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    expect: str
    find: str | None = None
    replace: str | None = None
    content: str | None = None

    def apply(self, project: Path) -> None:
        path = project / self.file
        if self.content is not None:
            path.write_text(self.content, encoding="utf-8")
            return
        assert self.find is not None and self.replace is not None, f"{self.name}: needs find and replace, or content"
        text = path.read_text(encoding="utf-8")
        # Exactly once: a mutation whose text has gone must fail loudly, not test the unmutated rules.
        assert text.count(self.find) == 1, (f"{self.file}: the text to find occurs {text.count(self.find)} times, "
                                            f"not once; update the mutation '{self.name}' in {MUTATIONS_FILE.name}")
        path.write_text(text.replace(self.find, self.replace), encoding="utf-8")


MUTATIONS = [Mutation(**entry) for entry in
             yaml.safe_load(MUTATIONS_FILE.read_text(encoding="utf-8"))["mutations"]]


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str
    site: Path

    def reported(self, expected: str) -> bool:
        """True when *expected* begins a line of the output (a long tail such
        as the list of a page's anchors may be left out of the fixture)."""
        return any(line.startswith(expected) for line in self.output.splitlines())


def _snapshot(project: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file the per-test refresh does
    not restore (symlinked node_modules/ and .cache/ are not followed)."""
    files: dict[str, tuple[int, int]] = {}
    for folder, dirs, names in os.walk(project):
        here = Path(folder)
        dirs[:] = [d for d in dirs if d != "__pycache__" and not (here / d).is_symlink()
                   and not (here == project and d in RESTORED)]
        for name in names:
            stat = (here / name).stat()
            files[str((here / name).relative_to(project))] = (stat.st_size, stat.st_mtime_ns)
    return files


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copied once; `pristine/` keeps the folders each test restores."""
    base = tmp_path_factory.mktemp("mutations")
    project = base / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".cache", "__pycache__", ".pytest_cache"))
    for shared in ("node_modules", ".cache"):
        (project / shared).symlink_to(ROOT / shared)
    for folder in RESTORED:
        shutil.copytree(project / folder, base / "pristine" / folder)
    # Without this, a working tree caught half-edited would make every mutation "pass" or fail for the wrong reason.
    try:
        compile_rules.compile_all(compile_rules.Project(rules=project / "rules", docs=project / "docs",
                                                        seeds=project / "seeds"))
    except compile_rules.RulesError as error:
        pytest.fail(f"the unmutated rules do not compile, so no mutation can be judged:\n{error}")
    return project


def restore(project: Path, pristine: Path) -> Path:
    """*project* with fresh, unmutated rules/ and checker/ from *pristine*."""
    for folder in RESTORED:
        shutil.rmtree(project / folder)
        shutil.copytree(pristine / folder, project / folder)
    return project


@pytest.fixture
def project(template: Path) -> Path:
    """The session's copy with fresh, unmutated rules/ and checker/."""
    return restore(template, template.parent / "pristine")


def build(project: Path, tmp_path: Path) -> Build:
    """`mkdocs build --strict` of *project*, as the README's commands run it."""
    untouched = _snapshot(project)
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert _snapshot(project) == untouched, "the build changed files outside rules/ and checker/"
    return Build(result.returncode, result.stdout + result.stderr, site)


def _bundle(project: Path) -> bytes | None:
    return (project / BUNDLE).read_bytes() if (project / BUNDLE).exists() else None


def assert_nothing_built(result: Build, bundle_before: bytes | None, bundle_after: bytes | None) -> None:
    assert result.returncode != 0, result.output[-3000:]
    assert "Traceback" not in result.output, result.output[-3000:]
    assert not result.site.exists() or not any(result.site.iterdir())
    assert bundle_after == bundle_before, "the failed build changed the checker's rules bundle"


def test_there_are_enough_mutations_each_named_by_a_sentence_and_expecting_a_located_line() -> None:
    assert len(MUTATIONS) >= 22
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)
    for mutation in MUTATIONS:
        assert re.fullmatch(r"[A-Z][^.]{20,}", mutation.name), mutation.name
        assert re.match(r"rules/[a-z0-9/_-]+\.yaml:\d+:\d+: \S", mutation.expect), mutation.name
        assert (ROOT / mutation.file).is_file(), f"{mutation.name}: {mutation.file} does not exist"


@dataclass(frozen=True)
class Outcome:
    """A mutation's build, and the checker bundle before and after it."""

    build: Build | None
    bundle_before: bytes | None
    bundle_after: bytes | None = None
    problem: str = ""  # what went wrong setting the build up, if anything


WORKERS = 2  # the machines this runs on have two cores, and a build keeps one busy


@pytest.fixture(scope="session")
def outcomes(template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every mutation applied to unmutated rules and built, WORKERS at a time."""
    pristine = template.parent / "pristine"
    folders = {mutation.name: tmp_path_factory.mktemp("build") for mutation in MUTATIONS}  # not from threads
    copies = [template] + [Path(shutil.copytree(template, tmp_path_factory.mktemp("worker") / "project",
                                                symlinks=True)) for _ in range(WORKERS - 1)]

    def work(worker: int) -> dict[str, Outcome]:
        done = {}
        for mutation in MUTATIONS[worker::WORKERS]:
            project = restore(copies[worker], pristine)
            before = _bundle(project)
            try:
                mutation.apply(project)
                result = build(project, folders[mutation.name])
                done[mutation.name] = Outcome(result, before, _bundle(project))
            except AssertionError as problem:
                done[mutation.name] = Outcome(None, before, problem=str(problem))
        return done

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(work, range(WORKERS)))
    return {name: outcome for done in results for name, outcome in done.items()}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_a_mutated_rules_file_stops_the_build_with_its_line(mutation: Mutation, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[mutation.name]
    assert outcome.build is not None, outcome.problem
    assert outcome.build.reported(mutation.expect), (
        f"expected a line beginning\n  {mutation.expect}\nreported:\n"
        + "\n".join(line for line in outcome.build.output.splitlines() if line.startswith("rules/")))
    assert_nothing_built(outcome.build, outcome.bundle_before, outcome.bundle_after)


def test_every_problem_in_every_file_is_reported_in_one_build(project: Path, tmp_path: Path) -> None:
    chosen = [m for m in MUTATIONS if m.file in ("rules/questions.yaml", "rules/frameworks/kirklees-kscp.yaml")
              and ("definition that does not exist" in m.name or "zero working days" in m.name)]
    assert len({m.file for m in chosen}) == 2
    before = _bundle(project)
    for mutation in chosen:
        mutation.apply(project)
    result = build(project, tmp_path)
    assert [m.expect for m in chosen if not result.reported(m.expect)] == []
    assert "(2 problem(s))" in result.output  # and nothing else
    assert_nothing_built(result, before, _bundle(project))


def test_a_whole_bad_framework_file_stops_the_build_and_nothing_is_built(project: Path, tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "fixtures" / "bad_rules" / "unknown-key.yaml"
    shutil.copy(fixture, project / "rules" / "frameworks" / fixture.name)
    before = _bundle(project)
    result = build(project, tmp_path)
    assert result.reported("rules/frameworks/unknown-key.yaml:15:5: unknown key 'whne' in criterion; "
                           "allowed keys: id, text, when, cite")
    assert_nothing_built(result, before, _bundle(project))
