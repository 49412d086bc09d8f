"""The site build (mkdocs + scripts/mkdocs_hooks.py) as a whole."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "bad_rules" / "unknown-key.yaml"


def test_a_bad_rules_file_stops_the_build_and_nothing_is_built(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "__pycache__", ".pytest_cache"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copy(FIXTURE, project / "rules" / "frameworks" / FIXTURE.name)
    bundle = project / "checker" / "rules_bundle.json"
    before = bundle.read_bytes() if bundle.exists() else None

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "rules/frameworks/unknown-key.yaml:15:5: unknown key 'whne' in criterion" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert (bundle.read_bytes() if bundle.exists() else None) == before


def test_the_built_site_carries_the_runtime_and_the_checker(built_site):
    assert list(built_site.glob("assets/pyodide/*/pyodide.asm.wasm"))
    wheels = list(built_site.glob("assets/checker/*/threshold_checker-*-py3-none-any.whl"))
    assert len(wheels) == 1
    import zipfile
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "checker/rules_bundle.json" in names and "checker/_engine.py" in names
    check = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    assert 'data-state="loading"' in check and 'data-question="yot_involvement"' in check


def test_the_standard_library_is_shipped_precompiled(built_site):
    import zipfile

    check = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    stdlibs = list(built_site.glob("assets/pyodide/*/python_stdlib.*.zip"))
    assert len(stdlibs) == 1
    assert stdlibs[0].name in check  # the worker is told to use it
    names = zipfile.ZipFile(stdlibs[0]).namelist()
    assert "json/decoder.pyc" in names and "json/decoder.py" not in names
