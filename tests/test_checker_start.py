"""The checker's early start (scripts/build/checker_start.py): on each page
with a checker, and only there, a script right after the policy and before
every other script, with the page's own URLs of the worker and its files.
What it does in a browser: tests/test_checker_boot.py and tests/test_offline.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.build import checker_start, csp

HEAD = ('<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        '<meta name="referrer" content="no-referrer"><script src="bundle.js"></script></head>')
RUNTIME = {"worker": "../w.js", "pyodide": "../py/", "wheel": "../c.whl", "stdlib": "../s.zip", "snapshot": "../m.bin"}


def test_a_page_with_a_checker_gets_the_script_before_its_other_scripts():
    html = checker_start.add_checker_start(HEAD + '<body><div class="tc-checker" data-checker></div></body></html>',
                                           RUNTIME)
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert len(scripts) == 2 and 'data-worker="../w.js"' in scripts[0] and "bundle.js" in scripts[1]
    assert html.index("<script") > html.index('name="referrer"')
    for name, url in RUNTIME.items():
        assert f'data-{name}="{url}"' in scripts[0]


def test_a_page_without_a_checker_is_left_as_it_is():
    page = HEAD + "<body><p>Say data-checker in the text.</p></body></html>"
    assert checker_start.add_checker_start(page, RUNTIME) == page


def test_a_page_with_a_checker_but_no_place_for_the_script_is_refused():
    page = HEAD.replace('<meta name="referrer" content="no-referrer">', "") + "<body><div data-checker></div></body>"
    with pytest.raises(checker_start.CheckerStartError, match="referrer"):
        checker_start.add_checker_start(page, RUNTIME)


def test_every_built_checker_page_has_it_once_and_its_policy_allows_it(built_site: Path):
    pages = [page for page in built_site.rglob("*.html") if "data-checker" in page.read_text(encoding="utf-8")]
    assert pages, "no page with a checker was built"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if not checker_start.CHECKER.search(html):
            continue
        assert html.count("window.thresholdWorker = early") == 1, page
        early = next(text for _, text in csp.inline_scripts(html) if "thresholdWorker" in text)
        assert csp.script_hash(early) in csp.page_policy(html), page
