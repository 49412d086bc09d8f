"""Content fidelity (SPEC section 8): the seeds' sentences of 40 characters or
more appear verbatim in the text of the built guidance pages."""

from pathlib import Path

import pytest
import yaml

from scripts.build.fidelity import coverage, html_text, seed_sentences

ROOT = Path(__file__).resolve().parent.parent
SOURCES = yaml.safe_load((ROOT / "rules" / "sources.yaml").read_text(encoding="utf-8"))["sources"]


@pytest.mark.parametrize("source", SOURCES, ids=[s["id"] for s in SOURCES])
def test_seed_sentences_appear_verbatim_in_the_built_site(source, built_site):
    pages = sorted((built_site / "guidance" / source["id"]).rglob("*.html"))
    assert pages, f"no built pages for {source['id']}"
    text = " ".join(html_text(page.read_text(encoding="utf-8")) for page in pages)
    sentences = seed_sentences(ROOT / "seeds" / source["seed"])
    assert len(sentences) > 50
    ratio, missing = coverage(sentences, text)
    assert ratio >= 0.99, f"{ratio:.1%} verbatim; missing: {missing[:5]}"


def test_the_checker_can_tell_a_changed_sentence(built_site):
    # Guard: the comparison must be able to fail.
    sentence = seed_sentences(ROOT / "seeds" / SOURCES[0]["seed"])[5]
    text = html_text((built_site / "guidance" / SOURCES[0]["id"] / "introduction" / "index.html").read_text())
    assert coverage([sentence.replace(" the ", " a ", 1) + " (altered)"], text)[0] == 0.0
