"""The command-line contract of SPEC section 4, run as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


def test_questions_json_lists_every_question_with_its_contract_fields(rules):
    result = run("questions", "--json")
    assert result.returncode == 0, result.stderr
    catalogue = json.loads(result.stdout)
    assert [q["id"] for q in catalogue] == rules.question_ids
    for question in catalogue:
        assert {"id", "text", "help", "type", "options", "ask_if", "cite"} <= set(question)
    ended = next(q for q in catalogue if q["id"] == "supervision_end_date")
    assert ended["ask_if"] == {"answer": "yot_involvement", "in": ["ended"]}


def test_questions_text_is_readable():
    result = run("questions")
    assert result.returncode == 0
    assert "yot_involvement (choice):" in result.stdout


def test_frameworks_json_and_text():
    as_json = json.loads(run("frameworks", "--json").stdout)
    assert "yjb-csppi-2017" in [f["id"] for f in as_json]
    assert "yjb-csppi-2017:" in run("frameworks").stdout


def test_evaluate_prints_the_spec_json_shape(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {
        "aware_at": "2026-11-22T16:00", "incident_in_custody": False,
        "yot_involvement": "statutory_supervision", "what_happened": ["died"]}}))
    result = run("evaluate", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"rules_version", "frameworks"}
    yjb = next(f for f in output["frameworks"] if f["id"] == "yjb-csppi-2017")
    assert {"id", "title", "source", "status", "reasons", "missing", "obligations"} <= set(yjb)
    assert yjb["status"] == "notify"
    notify = next(o for o in yjb["obligations"] if o["id"] == "notify-yjb")
    assert notify["within"] == {"amount": 24, "unit": "hours", "from": "aware"}
    assert notify["due"] == "2026-11-23T16:00"
    assert notify["cite"]["page"].startswith("guidance/yjb-csppi-2017/")


def test_evaluate_reads_standard_input_and_prints_words():
    result = run("evaluate", "-", stdin='{"answers": {"charged_with": ["murder"], "incident_in_custody": false}}')
    assert result.returncode == 0, result.stderr
    assert "Notify" in result.stdout


@pytest.mark.parametrize("stdin, expected", [
    ('{"answers": {"aware_at": "2026-02-30T10:00"}}', '"2026-02-30T10:00" is not a real date and time'),
    ('{"answers": {"colour": "red"}}', 'unknown question id "colour"'),
    ('{"answers": {"what_happened": ["died"], "charged_with": ["arson"]}}', '"arson" is not among its options'),
    ('{"answers": ', "standard input:1:13: malformed JSON"),
    ('[1, 2]', "expected a JSON object"),
])
def test_bad_input_exits_2_with_a_readable_line_and_no_traceback(stdin, expected):
    result = run("evaluate", "-", "--json", stdin=stdin)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_file_exits_2():
    result = run("evaluate", "no-such-file.json")
    assert result.returncode == 2
    assert "no-such-file.json: cannot read the file" in result.stderr


def test_unknown_command_exits_2_with_usage():
    result = run("decide")
    assert result.returncode == 2
    assert "usage: python -m checker" in result.stderr
