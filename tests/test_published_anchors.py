"""Trainers' links never break: every page URL and heading anchor ever
published (tests/published_anchors.txt) still exists in the built site."""

from pathlib import Path

from scripts.build.published_anchors import collect, read_list

LIST = Path(__file__).parent / "published_anchors.txt"


def test_every_published_anchor_still_exists(built_site):
    published = read_list(LIST)
    assert len(published) > 100, "the published anchors list is (nearly) empty"
    missing = sorted(set(published) - set(collect(built_site)))
    assert missing == [], "published URLs or anchors disappeared: " + ", ".join(missing[:20])


def test_every_heading_has_an_explicit_readable_id(built_site):
    # Auto-generated ids (_1, _2 suffixes, or very long slugs) would change with wording.
    entries = collect(built_site)
    anchors = [entry.split("#", 1)[1] for entry in entries if "#" in entry]
    assert anchors
    assert [a for a in anchors if a.endswith(("_1", "_2", "_3")) or len(a) > 60] == []
