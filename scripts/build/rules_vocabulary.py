"""Check the everyday-language vocabulary (``rules/vocabulary.yaml``) against
the definitions, the published guidance and the questions, and return it as
the search index and the definition pages use it."""

from __future__ import annotations

from typing import Any

from checker._fragment import encode
from checker._model import Question

from .rules_check import check_answers
from .rules_refs import CheckContext
from .rules_yaml import Document, Path_


def check_vocabulary(ctx: CheckContext, doc: Document | None, definitions: dict[str, Any],
                     questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every entry's words unique across the file, its targets real (a
    definition id, a guidance heading's anchor), its answers ones the checker
    takes.  Returns the entries with site URLs for their targets and the
    checker fragment for their answers."""
    if doc is None:
        return []
    typed = [Question.from_data(q) for q in questions]
    by_question = {q["id"]: q for q in questions}
    seen: dict[str, Path_] = {}
    result = []
    for index, entry in enumerate(doc.data["vocabulary"]):
        at: Path_ = ("vocabulary", index)
        for word_index, word in enumerate(entry["words"]):
            key = " ".join(word.lower().split())
            if key in seen:
                ctx.problems.append(doc.problem(at + ("words", word_index), f"'{word}' is also a word of the entry "
                                                f"on line {doc.where(seen[key])[0]}: give each word one entry"))
            seen.setdefault(key, at + ("words", word_index))
        if not any(entry.get(key) for key in ("terms", "sections", "pages")):
            ctx.problems.append(doc.problem(at, "an entry needs at least one target: terms (definition ids), "
                                            "sections (guidance/<source>/<page>.md#<anchor>) or pages (the site's own)"))
        for term_index, term in enumerate(entry.get("terms", [])):
            if term not in definitions and "definitions" not in ctx.unread:
                ctx.problems.append(doc.problem(at + ("terms", term_index), f"unknown definition '{term}'; "
                                                f"definitions are: {', '.join(sorted(definitions))}"))
        sections = [ctx.check_section(doc, at + ("sections", i), page) for i, page in enumerate(entry.get("sections", []))]
        if ("incident" in entry) != ("check" in entry):
            ctx.problems.append(doc.problem(at, "'incident' and 'check' go together: the phrase the search result "
                                            "shows and the answers it opens the checker with"))
        if "check" in entry:
            check_answers(ctx, doc, at + ("check",), entry["check"], by_question, typed)
        compiled = {"words": entry["words"], "reason": entry["reason"], "terms": entry.get("terms", []),
                    "sections": sections + [f"{page}/" for page in entry.get("pages", [])]}
        if "check" in entry:
            compiled.update(incident=entry["incident"], check=entry["check"], fragment=encode(entry["check"]))
        result.append(compiled)
    return result

