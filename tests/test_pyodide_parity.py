"""Parity (SPEC section 8, correctness): every worked example gives the same
JSON in Pyodide as in CPython.

The Pyodide side is what the site ships, run in Node by
``scripts/node/pyodide_run.mjs`` once for all examples, in both of the
worker's ways to start: the checker wheel built by
``scripts/build/site_assets.py`` (with its bytecode) put on ``sys.path`` as
the worker does, on the npm Pyodide runtime with the trimmed, precompiled
standard library
(``scripts/build/stdlib_modules.py``), and the build's memory snapshot
(``scripts/build/snapshot.py``) restored on that same library.  Both sides go
through ``checker._browser.handle``, the function the site's worker calls,
so the worker's own path (evaluation, wording, errors) is what is compared.
A module the examples need but the trimmed library lacks fails here, even
where the code that wanted it would fall back quietly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

import checker
from checker._browser import handle
from scripts.build import site_assets, snapshot, stdlib_modules
from scripts.build.rules_files import example_cases

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "node" / "pyodide_run.mjs"
PYODIDE = ROOT / "node_modules" / "pyodide"
# Only a guard against a hang (loadPyodide never settles when the wasm cannot
# start), so generous: the run needs about 20 s of CPU, but took 60-105 s of
# wall time on two cores shared with other jobs.  The runner's own timeout
# fires first and says what it was waiting for.
RUNNER_TIMEOUT = 600


def _read_cases() -> list[tuple[str, dict[str, Any]]]:
    # Read exactly as tests/examples_plugin.py does, so the same documents are
    # judged; the definitions' small checkers send their definition's id too.
    cases = [(case["name"], {"answers": case["answers"]}) for case in example_cases()]
    cases += [(case["name"], {"answers": case["answers"], "test": case["definition"]})
              for case in example_cases(ROOT / "rules" / "examples" / "definition-tests")]
    return cases


CASES = _read_cases()
# The malformed requests the module search sends too (error paths).
PROBES = [(f"probe {number}", probe) for number, probe in enumerate(stdlib_modules.PROBES, 1)]
WAYS = ("stdlib", "snapshot")


@pytest.fixture(scope="session")
def checker_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checker wheel exactly as the site build makes it."""
    asset = site_assets.checker_wheel()
    path = tmp_path_factory.mktemp("wheel") / asset.uri.rsplit("/", 1)[1]
    path.write_bytes(asset.content)
    return path


@pytest.fixture(scope="session")
def wheel_rules(checker_wheel: Path) -> checker.Rules:
    # CPython reads the bundle inside the wheel, not checker/rules_bundle.json:
    # other runs may recompile that file meanwhile, and both sides must judge
    # by the same rules.
    with zipfile.ZipFile(checker_wheel) as wheel:
        return checker.rules_from_data(json.loads(wheel.read("checker/rules_bundle.json")))


@pytest.fixture(scope="session")
def trimmed_stdlib() -> Path:
    try:
        return stdlib_modules.trimmed_stdlib("").source
    except site_assets.AssetError as error:
        pytest.fail(str(error))


def _run_in_pyodide(wheel: Path, stdlib: Path, memory: Path | None = None) -> dict[str, Any]:
    """Every example (and probe) evaluated in Pyodide, in one Node process."""
    assert CASES, "no cases found"
    assert len(CASES) >= 100, f"only {len(CASES)} worked examples found in rules/examples/"
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run scripts/setup (scripts/test does it)")
    if not (PYODIDE / "pyodide.mjs").is_file():
        pytest.fail(f"{PYODIDE} is missing: run scripts/setup (scripts/test does it)")
    requests = [request for _, request in CASES + PROBES]
    command = [node, str(RUNNER), "--wheel", str(wheel), "--stdlib", str(stdlib), "--timeout", str(RUNNER_TIMEOUT)]
    if memory is not None:
        command += ["--snapshot", str(memory)]
    try:
        done = subprocess.run(command, input=json.dumps(requests), capture_output=True, text=True,
                              cwd=ROOT, timeout=RUNNER_TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{RUNNER.name} did not finish in {RUNNER_TIMEOUT + 30} s")
    assert done.returncode == 0, f"{RUNNER.name} exited {done.returncode}:\n{done.stderr[-4000:]}"
    output = json.loads(done.stdout)
    assert len(output["replies"]) == len(requests), "Pyodide returned a different number of replies"
    return output


@pytest.fixture(scope="session")
def pyodide_runs(checker_wheel: Path, trimmed_stdlib: Path) -> dict[str, dict[str, Any]]:
    """The examples in Pyodide, booted on the trimmed standard library and
    restored from the memory snapshot made from the same wheel and library."""
    asset = site_assets.Asset(checker_wheel.name, content=checker_wheel.read_bytes())
    try:
        memory = snapshot.memory_snapshot("", asset, trimmed_stdlib).source
    except site_assets.AssetError as error:
        pytest.fail(str(error))
    return {"stdlib": _run_in_pyodide(checker_wheel, trimmed_stdlib),
            "snapshot": _run_in_pyodide(checker_wheel, trimmed_stdlib, memory)}


def test_there_are_enough_worked_examples_to_compare() -> None:
    # An empty parametrize would only skip: this makes a lost examples folder fail.
    assert CASES, "no cases found"
    assert len(CASES) >= 100, f"only {len(CASES)} worked examples found in rules/examples/"
    names = [name for name, _ in CASES]
    assert len(set(names)) == len(names), "worked example names must be unique: they are the test ids"


@pytest.mark.parametrize("way", WAYS)
def test_the_pyodide_results_really_come_from_pyodide_and_the_shipped_wheel(
        way: str, pyodide_runs: dict[str, dict[str, Any]], checker_wheel: Path) -> None:
    runtime = pyodide_runs[way]["runtime"]
    package = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert runtime["platform"] == "emscripten"
    assert runtime["pyodide"] == package["version"]
    assert runtime["python"].split()[0] == lock["info"]["python"]
    # imported from inside the wheel the site ships, put on sys.path as it is, from its bytecode
    assert runtime["wheel"] == checker_wheel.name
    assert runtime["checker"].startswith("/lib/python3.")
    assert runtime["checker"].endswith(f"/site-packages/{checker_wheel.name}/checker/__init__.pyc")


@pytest.mark.parametrize("way", WAYS)
def test_no_module_the_examples_need_was_trimmed_from_the_standard_library(
        way: str, pyodide_runs: dict[str, dict[str, Any]]) -> None:
    import zipfile as zipfiles

    with zipfiles.ZipFile(site_assets.precompiled_stdlib()) as whole:
        names = set(whole.namelist())
    trimmed = [name for name in pyodide_runs[way]["unfound"] if any(
        f"{name.replace('.', '/')}{end}" in names for end in (".pyc", "/__init__.pyc", ".py", "/__init__.py"))]
    assert trimmed == [], (f"the checker tried to import {trimmed}, which the site's standard library leaves out: "
                           "run `python -m scripts.build.stdlib_modules`")


def test_the_module_list_names_only_real_modules(trimmed_stdlib: Path) -> None:
    text = stdlib_modules.LIST.read_text(encoding="utf-8")
    assert text.startswith("# generated by `python -m scripts.build.stdlib_modules`")
    modules = stdlib_modules.read_modules()
    assert modules == sorted(set(modules)) and "json" in modules and "checker" not in modules
    with zipfile.ZipFile(trimmed_stdlib) as shipped:
        assert len(shipped.namelist()) == len(modules)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("index", range(len(CASES + PROBES)), ids=[name for name, _ in CASES + PROBES])
def test_the_example_gives_identical_json_in_pyodide_and_cpython(
        index: int, way: str, pyodide_runs: dict[str, dict[str, Any]], wheel_rules: checker.Rules) -> None:
    _, request = (CASES + PROBES)[index]
    in_pyodide = pyodide_runs[way]["replies"][index]
    in_cpython = handle(request if isinstance(request, str) else json.dumps(request), wheel_rules)
    ours, theirs = json.loads(in_cpython), json.loads(in_pyodide)
    assert theirs["ok"] == ours["ok"], f"Pyodide {theirs}, CPython {ours}"
    assert theirs == ours  # first, for pytest's structural diff
    assert json.dumps(theirs, sort_keys=True) == json.dumps(ours, sort_keys=True)
    # The text as each interpreter wrote it: same key order, same number formatting.
    assert in_pyodide == in_cpython
