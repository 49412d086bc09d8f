"""The engine's entry points beyond the worked examples (which run as test
items): the definition tests' error paths and result shape."""

import pytest

import checker


def test_an_unknown_definition_test_is_a_readable_answer_error(rules):
    with pytest.raises(checker.AnswerError) as raised:
        checker.check_definition("no-such-term", {"answers": {}}, rules)
    assert raised.value.problems[0].startswith('no definition test "no-such-term"; there are: ')
    assert "terrorism-related-offence" in raised.value.problems[0]


def test_a_definition_test_rejects_answers_to_other_questions(rules):
    with pytest.raises(checker.AnswerError) as raised:
        checker.check_definition("potentially-life-threatening-injury", {"answers": {"age": 15}}, rules)
    assert any('"age"' in problem for problem in raised.value.problems)


def test_with_no_answers_a_definition_test_lists_every_question_that_matters(rules):
    result = checker.check_definition("mappa-serious-case-review", {"answers": {}}, rules)
    assert result["holds"] is None
    assert result["missing"] == [q["id"] for q in rules.definition_tests["mappa-serious-case-review"]["questions"]]
    assert result["outcome"] == rules.definition_tests["mappa-serious-case-review"]["outcome"]["unknown"]
    assert all(reason["cite"]["quote"] for reason in result["reasons"])
