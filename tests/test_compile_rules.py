"""The rules compiler (scripts/build/compile_rules.py): one fixture per kind of
error under tests/fixtures/bad_rules/, each naming the exact
`path:line:col: message` it must produce; nothing is written on failure."""

import re
import shutil
from pathlib import Path

import pytest

from scripts.build import compile_rules

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad_rules").glob("*.yaml"))


def expectations(path: Path) -> list[str]:
    """The fixture's expected messages; each must begin a reported line (so a
    long tail such as the list of valid anchors may be left out)."""
    return re.findall(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M)


def found(expected: str, reported: list[str]) -> bool:
    return any(line.startswith(expected) for line in reported)


def test_there_are_error_fixtures():
    assert len(FIXTURES) >= 10, "expected a fixture per kind of rules error"
    for fixture in FIXTURES:
        assert expectations(fixture), f"{fixture.name} has no '# expect:' line"


def test_the_real_rules_compile():
    bundle = compile_rules.compile_rules()
    assert bundle["frameworks"] and bundle["questions"]
    assert re.fullmatch(r"[0-9a-f]{12}", bundle["rules_version"])


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_each_kind_of_error_is_reported_where_it_is(fixture, rules_copy):
    shutil.copy(fixture, rules_copy.rules / "frameworks" / fixture.name)
    with pytest.raises(compile_rules.RulesError) as caught:
        compile_rules.compile_rules(rules_copy)
    reported = [str(problem) for problem in caught.value.problems]
    for expected in expectations(fixture):
        assert found(expected, reported), "\n".join(reported)


def needs_compiled_rules(path: Path) -> bool:
    """Problems found by running the worked examples through the checker
    can only be found once every rules file compiles: such a fixture says so."""
    return "# found once the rest compiles" in path.read_text(encoding="utf-8")


def test_every_problem_is_reported_in_one_run(rules_copy):
    for fixture in [f for f in FIXTURES if not needs_compiled_rules(f)]:
        shutil.copy(fixture, rules_copy.rules / "frameworks" / fixture.name)
    with pytest.raises(compile_rules.RulesError) as caught:
        compile_rules.compile_rules(rules_copy)
    reported = [str(problem) for problem in caught.value.problems]
    missing = [e for f in FIXTURES if not needs_compiled_rules(f) for e in expectations(f) if not found(e, reported)]
    assert missing == []


def test_a_failed_compile_writes_nothing(rules_copy, tmp_path):
    shutil.copy(FIXTURES[0], rules_copy.rules / "frameworks" / FIXTURES[0].name)
    out = tmp_path / "bundle.json"
    assert compile_rules.main(["--rules", str(rules_copy.rules), "--out", str(out)]) == 1
    assert not out.exists()


def test_bank_holidays_are_weekdays_of_england_and_wales():
    dates = set(compile_rules.compile_rules()["bank_holidays"]["dates"])
    assert "2026-04-06" in dates          # Easter Monday: missing without subdiv ENG
    assert "2026-12-28" in dates          # Boxing Day substitute
    assert "2026-12-26" not in dates      # the Saturday it replaces
    assert "2026-05-25" in dates          # late-May bank holiday
