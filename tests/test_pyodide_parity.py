"""Parity (SPEC section 8, correctness): every worked example gives the same
JSON in Pyodide as in CPython.

The Pyodide side is what the site ships: the checker wheel built by
``scripts/build/site_assets.py`` and installed with ``loadPackage``, on the npm
Pyodide runtime with the precompiled standard library, run in Node by
``scripts/node/pyodide_run.mjs``, once for all examples (one boot).  Both sides
go through ``checker._browser.handle``, the function the site's worker calls,
so the worker's own path (evaluation, wording, errors) is what is compared.
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
from scripts.build import site_assets
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
def pyodide_run(checker_wheel: Path) -> dict[str, Any]:
    """Every example evaluated in Pyodide, in one Node process."""
    assert CASES, "no cases found"
    assert len(CASES) >= 100, f"only {len(CASES)} worked examples found in rules/examples/"
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run scripts/setup (scripts/test does it)")
    if not (PYODIDE / "pyodide.mjs").is_file():
        pytest.fail(f"{PYODIDE} is missing: run scripts/setup (scripts/test does it)")
    try:
        stdlib = site_assets.precompiled_stdlib("").source
    except site_assets.AssetError as error:
        pytest.fail(str(error))
    requests = [request for _, request in CASES]
    command = [node, str(RUNNER), "--wheel", str(checker_wheel), "--stdlib", str(stdlib),
               "--timeout", str(RUNNER_TIMEOUT)]
    try:
        done = subprocess.run(command, input=json.dumps(requests), capture_output=True, text=True,
                              cwd=ROOT, timeout=RUNNER_TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{RUNNER.name} did not finish in {RUNNER_TIMEOUT + 30} s")
    assert done.returncode == 0, f"{RUNNER.name} exited {done.returncode}:\n{done.stderr[-4000:]}"
    output = json.loads(done.stdout)
    assert len(output["replies"]) == len(CASES), "Pyodide returned a different number of replies"
    return output


def test_there_are_enough_worked_examples_to_compare() -> None:
    # An empty parametrize would only skip: this makes a lost examples folder fail.
    assert CASES, "no cases found"
    assert len(CASES) >= 100, f"only {len(CASES)} worked examples found in rules/examples/"
    names = [name for name, _ in CASES]
    assert len(set(names)) == len(names), "worked example names must be unique: they are the test ids"


def test_the_pyodide_results_really_come_from_pyodide_and_the_shipped_wheel(pyodide_run: dict[str, Any]) -> None:
    runtime = pyodide_run["runtime"]
    package = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert runtime["platform"] == "emscripten"
    assert runtime["pyodide"] == package["version"]
    assert runtime["python"].split()[0] == lock["info"]["python"]
    assert runtime["checker"].startswith("/lib/python3.") and "/site-packages/checker/" in runtime["checker"]
    assert runtime["distribution"] == checker.__version__


@pytest.mark.parametrize("index", range(len(CASES)), ids=[name for name, _ in CASES])
def test_the_example_gives_identical_json_in_pyodide_and_cpython(
        index: int, pyodide_run: dict[str, Any], wheel_rules: checker.Rules) -> None:
    _, request = CASES[index]
    in_pyodide = pyodide_run["replies"][index]
    in_cpython = handle(json.dumps(request), wheel_rules)
    ours, theirs = json.loads(in_cpython), json.loads(in_pyodide)
    assert theirs["ok"] == ours["ok"], f"Pyodide {theirs}, CPython {ours}"
    assert theirs == ours  # first, for pytest's structural diff
    assert json.dumps(theirs, sort_keys=True) == json.dumps(ours, sort_keys=True)
    # The text as each interpreter wrote it: same key order, same number formatting.
    assert in_pyodide == in_cpython
