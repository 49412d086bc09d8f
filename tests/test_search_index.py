"""The search index the build writes (scripts/build/search_index.py), from a
small index of Material's shape: plain text, the questionnaire left out, each
vocabulary word on its targets, one "Check this incident" document per
incident, and an unknown target refused."""

import pytest

from scripts.build import search_index

MATERIAL = {"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": [
    {"location": "guidance/nel-cspr/notifications/", "title": "2. Notifications", "text": "<p>The local authority &amp; partners must notify.</p>"},
    {"location": "guidance/nel-cspr/notifications/#care-leavers", "title": "Care <code>leavers</code>", "text": "<p>A notification should be made.</p>"},
    {"location": "check/", "title": "Check an incident", "text": "<p>Answer what you know.</p>"},
    {"location": "check/#section-what_happened", "title": "What happened", "text": "<p>Died Attempted suicide</p>"},
    {"location": "examples/#a-long-example", "title": "A long example", "text": "word " * 400},
]}
VOCABULARY = [
    {"words": ["care leaver", "CL"], "reason": "r", "terms": [], "sections": ["guidance/nel-cspr/notifications/#care-leavers"]},
    {"words": ["died", "passed away"], "reason": "r", "terms": [], "sections": ["guidance/nel-cspr/notifications/"],
     "incident": "a child who died", "check": {"what_happened": ["died"]}, "fragment": "#what_happened=died"},
]
QUESTIONS = [{"id": "what_happened", "text": "What happened?", "options": [{"id": "died", "label": "Died"}]}]


def docs_by_location(index):
    return {doc["location"]: doc for doc in index["docs"]}


def test_text_is_plain_and_sections_carry_their_page_title():
    docs = docs_by_location(search_index.build_index(MATERIAL, [], QUESTIONS))
    assert docs["guidance/nel-cspr/notifications/"]["text"] == "The local authority & partners must notify."
    assert docs["guidance/nel-cspr/notifications/#care-leavers"]["title"] == "Care leavers"
    assert docs["guidance/nel-cspr/notifications/#care-leavers"]["page"] == "2. Notifications"


def test_the_questionnaire_is_left_out_but_the_checker_page_is_found():
    docs = docs_by_location(search_index.build_index(MATERIAL, [], QUESTIONS))
    assert "check/" in docs and "check/#section-what_happened" not in docs


def test_long_generated_pages_are_cut_and_weigh_less_than_guidance():
    docs = docs_by_location(search_index.build_index(MATERIAL, [], QUESTIONS))
    example = docs["examples/#a-long-example"]
    assert len(example["text"]) <= search_index.SHORT_TEXT["examples"] + 2
    assert example["boost"] < docs["guidance/nel-cspr/notifications/"]["boost"]


def test_vocabulary_words_go_to_their_targets_and_incidents_open_the_checker():
    index = search_index.build_index(MATERIAL, VOCABULARY, QUESTIONS)
    docs = docs_by_location(index)
    assert docs["guidance/nel-cspr/notifications/#care-leavers"]["also"] == "care leaver ; CL"
    assert docs["guidance/nel-cspr/notifications/"]["also"] == "died ; passed away"
    incident = docs["check/#what_happened=died"]
    assert incident["id"] == "incident-1" and incident["kind"] == "incident" and incident["title"] == "Check this incident: a child who died"
    assert "Died" in incident["text"] and incident["also"] == "died ; passed away"
    assert index["config"] == MATERIAL["config"]  # Material's page highlighting reads it


def test_a_target_the_index_lacks_stops_the_build():
    broken = [dict(VOCABULARY[0], sections=["guidance/nel-cspr/notifications/#gone"])]
    with pytest.raises(search_index.SearchIndexError, match="'care leaver' leads to .*#gone"):
        search_index.build_index(MATERIAL, broken, QUESTIONS)


def test_material_is_pointed_at_our_worker_and_the_worker_is_content_hashed():
    asset = search_index.worker_asset()
    page = '<script id="__config">{"search": "../../assets/javascripts/workers/search.a7633da7.min.js"}</script>'
    assert search_index.use_our_worker(page, asset.uri) == (
        '<script id="__config">{"search": "../../' + asset.uri + '"}</script>')
    assert asset.uri.startswith("assets/javascripts/search-worker.") and b"lunr" in asset.content
