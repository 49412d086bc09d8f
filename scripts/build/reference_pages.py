"""Definitions and Glossary pages, generated from ``rules/definitions.yaml``,
``rules/vocabulary.yaml`` (the "Also called" words) and ``rules/glossary.yaml``
(already validated by the rules compiler)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from .links import md_link
from .questionnaire import environment


# The Definitions index names each term with its first few everyday names;
# the whole list (the vocabulary's words) is on the term's own page.
INDEX_WORDS = 5


def definition_pages(docs_data: dict[str, Any]) -> dict[str, str]:
    """Markdown of every definition page, keyed by its path under docs/."""
    definitions = {d["id"]: d for d in docs_data["definitions"]}
    also_called = words_for_terms(docs_data.get("vocabulary", []))
    sources = docs_data["sources"]
    template = environment().get_template("definition.md.j2")
    pages = {}
    for definition in definitions.values():
        groups = []
        for source_id, quotes in groupby(definition["quotes"], key=lambda q: q["source"]):
            # consecutive quotes from the same section share one blockquote and one link
            blocks = [{"link": link, "texts": [q["quote"] for q in run]}
                      for link, run in groupby(quotes, key=lambda q: md_link(q["page"], "../"))]
            groups.append({"id": source_id, "title": sources[source_id]["short_title"], "blocks": blocks})
        see_also = [{"term": definitions[ref]["term"], "link": f"{ref}.md"} for ref in definition.get("see_also", [])]
        shown = {"term": definition["term"], "also_called": also_called.get(definition["id"], []),
                 "note": definition.get("note"), "test": "test" in definition}
        pages[f"definitions/{definition['id']}.md"] = template.render(definition=shown, groups=groups,
                                                                      see_also=see_also)
    index = environment().get_template("definitions-index.md.j2").render(definitions=[
        {"id": d["id"], "term": d["term"], "also_called": also_called.get(d["id"], [])[:INDEX_WORDS]}
        for d in sorted(definitions.values(), key=lambda d: d["term"].lower())])
    pages["definitions/index.md"] = index
    return pages


def words_for_terms(vocabulary: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each definition's "Also called" words: those of every vocabulary entry
    that names it, in the file's order (rules/vocabulary.yaml is the one
    place a word is added)."""
    words: dict[str, list[str]] = {}
    for entry in vocabulary:
        for term in entry["terms"]:
            words.setdefault(term, []).extend(entry["words"])
    return words


def glossary_page(docs_data: dict[str, Any]) -> str:
    """Markdown of the Glossary page: every abbreviation with its expansion
    as plain text, so that search finds either."""
    rows = [{"abbr": a["abbr"], "expansion": a["expansion"],
             "definition": f"definitions/{a['definition']}.md" if a.get("definition") else None}
            for a in docs_data["glossary"]]
    return environment().get_template("glossary.md.j2").render(rows=rows)


def abbreviation_lines(docs_data: dict[str, Any]) -> str:
    """Markdown abbreviation definitions appended to every page, so each
    abbreviation shows its expansion as a tooltip wherever it appears."""
    return "\n\n" + "\n".join(f"*[{a['abbr']}]: {a['expansion']}" for a in docs_data["glossary"]) + "\n"
