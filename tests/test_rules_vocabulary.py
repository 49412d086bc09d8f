"""The vocabulary's checks (scripts/build/rules_vocabulary.py): one fixture
per kind of error under tests/fixtures/bad_vocabulary/, each put in place of
rules/vocabulary.yaml and naming the `path:line:col: message` it must give;
and what the real vocabulary must be (issue 13: at least 150 entries, each
leading somewhere real)."""

import re
import shutil
from pathlib import Path

import pytest

from scripts.build import compile_rules
from scripts.build.reference_pages import words_for_terms

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_vocabulary").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    return re.findall(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M)


def test_there_is_a_fixture_per_kind_of_error():
    assert len(FIXTURES) >= 8
    for fixture in FIXTURES:
        assert expectations(fixture), f"{fixture.name} has no '# expect:' line"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_each_kind_of_vocabulary_error_is_reported_where_it_is(fixture, rules_copy):
    shutil.copy(fixture, rules_copy.rules / "vocabulary.yaml")
    with pytest.raises(compile_rules.RulesError) as caught:
        compile_rules.compile_rules(rules_copy)
    reported = [str(problem) for problem in caught.value.problems]
    for expected in expectations(fixture):
        assert any(line.startswith(expected) for line in reported), "\n".join(reported)


@pytest.fixture(scope="module")
def vocabulary():
    return compile_rules.compile_all()[1]["vocabulary"]


def test_the_vocabulary_has_at_least_150_entries_each_with_a_target(vocabulary):
    assert len(vocabulary) >= 150, f"only {len(vocabulary)} entries"
    for entry in vocabulary:
        assert entry["terms"] or entry["sections"], entry["words"]


def test_the_words_the_issue_names_are_in_the_vocabulary(vocabulary):
    words = {word.lower() for entry in vocabulary for word in entry["words"]}
    wanted = {"lac", "cin", "s47", "yos", "yjs", "knifed", "od", "hanging", "self-harm", "radicalisation",
              "care leaver", "bail support", "dhr"}
    assert wanted <= words, f"missing: {sorted(wanted - words)}"


def test_incidents_open_the_checker_with_their_answers(vocabulary):
    incidents = [entry for entry in vocabulary if "check" in entry]
    assert len(incidents) >= 8
    for entry in incidents:
        assert entry["fragment"].startswith("#") and "=" in entry["fragment"]


def test_each_definition_is_also_called_by_the_words_of_the_entries_naming_it(vocabulary):
    also = words_for_terms(vocabulary)
    named = {term for entry in vocabulary for term in entry["terms"]}
    assert named and set(also) == named
    for entry in vocabulary:
        for term in entry["terms"]:
            assert set(entry["words"]) <= set(also[term])


def test_each_definition_page_shows_its_also_called_line(vocabulary, built_site):
    import html

    for term, words in words_for_terms(vocabulary).items():
        page = html.unescape((built_site / "definitions" / term / "index.html").read_text(encoding="utf-8"))
        line = page.split("Also called:</strong>", 1)[1].split("</p>", 1)[0]
        text = " ".join(re.sub(r"<[^>]+>", "", line).split())  # abbreviations are wrapped in <abbr>
        assert all(word in text for word in words), f"definitions/{term}/: {text[:200]}"
