"""Checking and parsing answers (checker/_answers.py): every kind of bad
answer gives one readable line naming the question and what it expects."""

from datetime import date, datetime

import pytest

from checker import AnswerError, parse_answers


def problems(rules, answers):
    with pytest.raises(AnswerError) as caught:
        parse_answers({"answers": answers}, rules.questions)
    return caught.value.problems


@pytest.mark.parametrize("answers, expected", [
    ({"died": True}, 'unknown question id "died"'),
    ({"yot_involvment": "none"}, 'did you mean "yot_involvement"?'),
    ({"incident_in_custody": "yes"}, 'answer to "incident_in_custody" (Did the incident happen while the young person was in custody?): got "yes"; expected true, false or "unknown"'),
    ({"yot_involvement": "caseload"}, '"caseload" is not one of its options; expected one option id from: statutory_supervision'),
    ({"what_happened": "died"}, 'answer to "what_happened"'),
    ({"what_happened": ["died", "drowned"]}, '"drowned" is not among its options'),
    ({"aware_at": "2026-02-30T10:00"}, '"2026-02-30T10:00" is not a real date and time'),
    ({"aware_at": "23/11/2026 16:00"}, 'expected a UK local date and time "YYYY-MM-DDTHH:MM"'),
    ({"yot_involvement": "ended", "supervision_end_date": "2026-13-01"}, '"2026-13-01" is not a real date'),
    ({"yot_involvement": 3}, "got 3; expected one option id"),
])
def test_each_kind_of_bad_answer_is_named(rules, answers, expected):
    found = problems(rules, answers)
    assert len(found) == 1
    assert expected in found[0]


def test_all_problems_are_reported_at_once(rules):
    assert len(problems(rules, {"nope": 1, "incident_in_custody": 2, "aware_at": "soon"})) == 3


@pytest.mark.parametrize("document", [[], {"answers": []}, {"answers": {}, "extra": 1}, "text"])
def test_the_document_must_be_an_answers_object(rules, document):
    with pytest.raises(AnswerError, match='expected a JSON object of the form'):
        parse_answers(document, rules.questions)


def test_values_are_parsed_and_unknown_means_missing(rules):
    parsed = parse_answers({"answers": {
        "aware_at": "2026-11-23T09:15", "incident_in_custody": "unknown",
        "yot_involvement": "ended", "supervision_end_date": "2026-11-01",
        "what_happened": ["died"], "charged_with": None,
    }}, rules.questions)
    assert parsed == {"aware_at": datetime(2026, 11, 23, 9, 15), "yot_involvement": "ended",
                      "supervision_end_date": date(2026, 11, 1), "what_happened": frozenset({"died"})}


def test_answers_to_questions_that_are_not_asked_are_dropped(rules):
    parsed = parse_answers({"answers": {"yot_involvement": "statutory_supervision",
                                        "supervision_end_date": "2026-11-01"}}, rules.questions)
    assert "supervision_end_date" not in parsed
