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
    assert {"id", "title", "source", "status", "reasons", "missing", "obligations", "current",
            "current_note"} <= set(yjb)
    assert yjb["status"] == "notify"
    # The 2017 procedure is superseded: still evaluated, never presented as today's duty.
    assert yjb["current"] is False and "8 May 2018" in yjb["current_note"]
    notify = next(o for o in yjb["obligations"] if o["id"] == "notify-yjb")
    assert notify["within"] == {"amount": 24, "unit": "hours", "from": "aware"}
    assert notify["due"] == "2026-11-23T16:00"
    assert notify["strength"] in ("must", "should", "may")
    assert notify["mandatory"] is (notify["strength"] == "must")
    assert notify["cite"]["page"].startswith("guidance/yjb-csppi-2017/")


def test_evaluate_reads_standard_input_and_prints_words():
    result = run("evaluate", "-", stdin='{"answers": {"charged_with": ["murder"], "incident_in_custody": false, "age": 15}}')
    assert result.returncode == 0, result.stderr
    assert "Notify" in result.stdout


CHOICE = "expected one option id from: statutory_supervision, court_bail, out_of_court, prevention, ended, none"
MULTI = 'expected a list of option ids from: died, attempted_suicide'
FORM = 'expected a JSON object of the form {"answers": {"question_id": value, ...}}'


# One case per way checker/_answers.py and checker/_cli.py can refuse input.
# Each expected entry is one line of stderr, in order: the text it must
# contain, or a tuple of texts it must all contain.
@pytest.mark.parametrize("stdin, expected", [
    ('{"answers": {"colour": "red"}}', ['unknown question id "colour"; "python -m checker questions" lists them']),
    ('{"answers": {"yot_involvment": "none"}}', ['unknown question id "yot_involvment" (did you mean "yot_involvement"?)']),
    ('{"answers": {"incident_in_custody": "yes"}}',
     ['answer to "incident_in_custody" (Did the incident happen while the young person was in custody?): '
      'got "yes"; expected true, false or "unknown"']),
    ('{"answers": {"incident_in_custody": 1}}', [('answer to "incident_in_custody"', 'got 1; expected true, false')]),
    ('{"answers": {"yot_involvement": "caseload"}}', [f'"caseload" is not one of its options; {CHOICE} (or "unknown")']),
    ('{"answers": {"yot_involvement": ["ended"]}}', [f'got ["ended"]; {CHOICE}']),
    ('{"answers": {"what_happened": ["died"], "charged_with": ["arson"]}}',
     [('answer to "charged_with"', '"arson" is not among its options; expected a list of option ids from: murder')]),
    ('{"answers": {"what_happened": ["drowned", "burnt"]}}', ['"drowned", "burnt" are not among its options']),
    ('{"answers": {"what_happened": "died"}}',
     [f'got "died", not a list (one option is still a list: ["died"]); {MULTI}']),
    ('{"answers": {"what_happened": ["died", 1]}}', [f'got ["died", 1]; {MULTI}']),
    ('{"answers": {"incident_date": 20261123}}',
     ['answer to "incident_date" (On what date did the incident happen?): got 20261123; '
      'expected a date "YYYY-MM-DD" (or "unknown")']),
    ('{"answers": {"incident_date": "23/11/2026"}}', ['got "23/11/2026"; expected a date "YYYY-MM-DD"']),
    ('{"answers": {"incident_date": "2026-02-30"}}', ['"2026-02-30" is not a real date; expected a date']),
    ('{"answers": {"aware_at": "2026-02-30T10:00"}}', ['"2026-02-30T10:00" is not a real date and time']),
    ('{"answers": {"aware_at": "2026-11-23"}}', ['got "2026-11-23"; expected a UK local date and time "YYYY-MM-DDTHH:MM"']),
    # Beyond these years a due date cannot even be represented (it used to be an internal error).
    ('{"answers": {"aware_at": "9999-12-31T23:59"}}',
     ['"9999-12-31T23:59" is outside the years the checker takes (1900–2199)']),
    ('{"answers": {"incident_date": "0001-01-01"}}', ['"0001-01-01" is outside the years the checker takes (1900–2199)']),
    ('{"answers": {"age": "fifteen"}}', [('answer to "age"', 'got "fifteen"; expected a number (or "unknown")')]),
    ('{"answers": {"age": true}}', ['got true; expected a number']),
    # Python's json module reads NaN and 1e999 (infinity): neither is an age.
    ('{"answers": {"age": NaN}}', ['got NaN; expected a number']),
    ('{"answers": {"age": 1e999}}', ['got Infinity; expected a number']),
    ('{"answers": ', ["standard input:1:13: malformed JSON: Expecting value"]),
    ('{"answers": {\n  "age": 15,\n}}',
     ["standard input:3:1: malformed JSON: Expecting property name enclosed in double quotes"]),
    ("[" * 100_000, ["standard input: malformed JSON: nested too deeply to be a set of answers"]),
    ('[1, 2]', [f"{FORM}, got an array"]),
    ('"answers"', [f"{FORM}, got a string"]),
    ('{}', [f'{FORM}; "answers" is missing']),
    ('{"answers": ["age"]}', [f'{FORM}; "answers" is an array, not an object']),
    ('{"answers": null}', [f'{FORM}; "answers" is null, not an object']),
    ('{"answers": {}, "notes": "late"}', [f'{FORM}; unexpected key "notes" beside "answers"']),
    ("", [f"standard input is empty; {FORM}"]),
    (" \n\t", [f"standard input is empty; {FORM}"]),
    ('{"answers": {"age": 15, "age": 16, "age": 17}}',
     ['standard input: "age" is given more than once in one object; give it once']),
    ('{"answers": {"nope": 1, "incident_in_custody": 2, "aware_at": "soon", "age": "old"}}',
     ['unknown question id "nope"', 'answer to "age"', 'answer to "incident_in_custody"', 'answer to "aware_at"']),
    ('{"answers": {}, "a": 1, "b": 2}', ['unexpected key "a"', 'unexpected key "b"']),
], ids=lambda value: value[:40] if isinstance(value, str) else None)
def test_bad_input_exits_2_with_a_readable_line_and_no_traceback(stdin: str,
                                                                 expected: list[str | tuple[str, ...]]) -> None:
    result = run("evaluate", "-", "--json", stdin=stdin)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), lines
    for line, texts in zip(lines, expected):
        assert line.startswith("python -m checker: "), line
        for text in texts if isinstance(texts, tuple) else (texts,):
            assert text in line, (text, line)


def test_a_due_date_outside_the_bank_holiday_years_exits_2_naming_the_answer(rules) -> None:
    first, last = rules.holidays.first_year, rules.holidays.last_year
    after = f"{last + 5}-01-04T10:00"
    result = run("evaluate", "-", stdin=json.dumps({"answers": {
        "area": "kirklees", "aware_at": after, "what_happened": ["died"], "abuse_or_neglect": "known",
        "age": 15}}))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'python -m checker: cannot work out a due date from the answer to "aware_at" ("{after}"): '
        f"{last + 5}-01-04 is outside {first}–{last}, the years for which bank holidays are known "
        f"({rules.holidays.source}); no due date is guessed"]
    assert result.stdout == ""


def test_a_deadline_running_past_the_last_bank_holiday_year_is_refused_too(rules) -> None:
    last = rules.holidays.last_year
    result = run("evaluate", "-", stdin=json.dumps({"answers": {
        "area": "kirklees", "aware_at": f"{last}-12-31T10:00", "what_happened": ["died"], "abuse_or_neglect": "known",
        "age": 15}}))
    assert result.returncode == 2
    assert f"{last + 1}-01-01 is outside" in result.stderr and "Traceback" not in result.stderr


def test_non_utf8_input_is_named_with_the_offending_byte(tmp_path: Path) -> None:
    data = '{"answers": {"age": "é"}}'.encode("latin-1")
    piped = subprocess.run([sys.executable, "-m", "checker", "evaluate", "-"], cwd=ROOT, input=data,
                           capture_output=True)
    assert piped.returncode == 2
    assert piped.stderr.decode() == "python -m checker: standard input: not UTF-8 text (byte 0xe9 at offset 21)\n"
    answers = tmp_path / "answers.json"
    answers.write_bytes(data)
    result = run("evaluate", str(answers))
    assert result.returncode == 2
    assert result.stderr == f"python -m checker: {answers}: not UTF-8 text (byte 0xe9 at offset 21)\n"


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Notepad and other Windows editors may save UTF-8 with a BOM; json.loads alone rejects it.
    answers = tmp_path / "answers.json"
    answers.write_bytes('{"answers": {"charged_with": ["murder"], "incident_in_custody": false}}'.encode("utf-8-sig"))
    result = run("evaluate", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["frameworks"]


def test_a_file_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    missing = run("evaluate", "no-such-file.json")
    assert missing.returncode == 2
    assert missing.stderr == "python -m checker: no-such-file.json: cannot read the file (No such file or directory)\n"
    folder = run("evaluate", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr == f"python -m checker: {tmp_path}: cannot read the file (Is a directory)\n"


def test_a_malformed_file_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"age": 15\n  "area": "kirklees"}}', encoding="utf-8")
    result = run("evaluate", str(answers))
    assert result.returncode == 2
    assert result.stderr == f"python -m checker: {answers}:2:3: malformed JSON: Expecting ',' delimiter\n"


@pytest.mark.parametrize("args, expected", [
    (["decide"], "python -m checker: argument command: invalid choice: 'decide'"),
    ([], "python -m checker: the following arguments are required: command"),
    (["evaluate"], "python -m checker: the following arguments are required: FILE|-"),
    (["evaluate", "-", "--xml"], "python -m checker: unrecognized arguments: --xml"),
])
def test_an_unknown_command_or_argument_exits_2_with_usage(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage: python -m checker" in result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
