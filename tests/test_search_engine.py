"""The search engine (docs/assets/javascripts/search/engine.js) in Node, on
the built site's index: how it reads a query, and that the vocabulary
entries' words lead to the entries' own targets (issue 13: each reaching a
real section; the build already refuses a target that is not one)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.build import compile_rules

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "scripts" / "node" / "search_run.cjs"
ENGINE = ROOT / "docs" / "assets" / "javascripts" / "search" / "engine.js"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")  # scripts/setup needs it too


def run(built_site: Path, queries: list[str]) -> list[dict]:
    done = subprocess.run(["node", str(RUNNER), str(built_site / "search" / "search_index.json")],
                          input=json.dumps(queries), capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


def parse(query: str) -> list[dict]:
    script = (f"globalThis.lunr = require({json.dumps(str(ROOT / 'node_modules' / 'lunr'))});"
              f"const s = require({json.dumps(str(ENGINE))});"
              f"process.stdout.write(JSON.stringify(s.parse(null, {json.dumps(query)})));")
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


def test_stop_words_are_dropped_before_anything_else():
    assert [term["word"] for term in parse("child in care died")] == ["child", "care", "died"]
    assert parse("in of the by a") == []


def test_only_words_of_five_letters_or_more_tolerate_a_typo():
    def fuzzy(query: str) -> list[int]:
        return [c.get("editDistance", 0) for term in parse(query) for c in term["clauses"]]
    assert max(fuzzy("rape ")) == 0
    assert max(fuzzy("sucide ")) == 1
    assert max(fuzzy("safegaurding ")) == 2


def test_the_word_being_typed_matches_as_a_prefix():
    last = parse("looked aft")[-1]["clauses"]
    assert any(c.get("wildcard") for c in last)
    assert not any(c.get("wildcard") for c in parse("od ")[0]["clauses"])


def test_every_vocabulary_entry_leads_to_its_own_targets(built_site: Path):
    vocabulary = compile_rules.compile_all()[1]["vocabulary"]
    assert vocabulary, "no vocabulary entries"
    indexed = {d["location"] for d in json.loads((built_site / "search" / "search_index.json").read_text())["docs"]}
    queries = [entry["words"][0] for entry in vocabulary]
    misses = []
    for entry, result in zip(vocabulary, run(built_site, queries)):
        # A target the index lacks is a page's first heading (the build refuses
        # any other): Material indexes that section as the page.
        targets = [t if t in indexed else t.split("#")[0]
                   for t in [f"definitions/{term}/" for term in entry["terms"]] + entry["sections"]]
        # As tests/test_search.py counts: the first five results (a page with
        # the sections shown under it), "Check this incident" aside.
        top = [link for group in [g for g in result["groups"] if not g[0].startswith("check/#")][:5] for link in group]
        if not any(link == target or ("#" not in target and link.split("#")[0] == target)
                   for link in top for target in targets):
            misses.append(f"{result['query']!r}: wanted one of {targets}, top 5: {top}")
    # A few entries are words the whole site uses ("YOT"): a defined term
    # named by them may rightly come first.  Nearly all must land.
    assert len(misses) <= len(vocabulary) * 0.03, f"{len(misses)} of {len(vocabulary)} entries miss:\n" + "\n".join(misses)
