"""Shared fixtures: a freshly compiled rules bundle for every run, a built
site served on localhost, and Playwright pointed at Debian's chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import chromium  # noqa: E402
from scripts.build import compile_rules  # noqa: E402
from tests import tour  # noqa: E402


@pytest.fixture(scope="session")
def rules():
    import checker

    return checker.load_rules()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per run with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, format: str, *args: object) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built site, served by the standard library (as a
    static host would) on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Playwright cannot download its own browser here: use Debian's, with the
    # flags that keep it from reaching for Google's hosts.
    if not chromium.PATH.exists():
        pytest.fail(f"{chromium.PATH} is missing: run scripts/test, which installs it")
    return {
        **browser_type_launch_args,
        "executable_path": str(chromium.PATH),
        "args": chromium.ARGS,
    }


@pytest.fixture
def context(context):
    return tour.patient(context)


expect.set_options(timeout=20_000)


TOUR_TIMINGS = pytest.StashKey[str]()
FORM_FIGURES = pytest.StashKey[str]()  # tests/test_form_length.py: questions to a verdict
SEARCH_FIGURES = pytest.StashKey[str]()  # tests/test_search.py: practitioner queries that land


@pytest.fixture(scope="session")
def site_tour(request: pytest.FixtureRequest, browser, built_site: Path, site_url: str) -> list[tour.Visit]:
    """Every built page opened once in Chromium, with what each did
    (requests, console errors, axe violations): see tests/tour.py."""
    visits = tour.tour(browser, built_site, site_url)
    request.config.stash[TOUR_TIMINGS] = tour.timings(visits)
    assert len(visits) > 60, f"only {len(visits)} pages were built: is the site complete?"
    return visits


@pytest.fixture
def rules_copy(tmp_path: Path) -> compile_rules.Project:
    """A throw-away copy of rules/ to break on purpose."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return compile_rules.Project(rules=tmp_path / "rules")


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One line per failure, last of all: CI keeps only the head and tail of a
    long log, and a browser failure's message (an aria snapshot) can fill it.
    Before them, where the tour of the site spent its time."""
    for key in (TOUR_TIMINGS, FORM_FIGURES, SEARCH_FIGURES):
        if key in config.stash:
            terminalreporter.write_line(config.stash[key])
    failed = terminalreporter.stats.get("failed", []) + terminalreporter.stats.get("error", [])
    if not failed:
        return
    terminalreporter.section("failures in one line each")
    for report in failed:
        crash = getattr(report.longrepr, "reprcrash", None)
        message = crash.message if crash is not None else str(report.longrepr)
        terminalreporter.write_line(f"{report.nodeid}: {' '.join(message.split())[:300]}")
