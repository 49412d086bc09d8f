"""Check each kind of rules file against the others and return it as it
goes into the bundle or the site: questions, definitions (and the ones that
are tests), the glossary, frameworks, worked examples and disagreements.
Every problem is added to the shared :class:`CheckContext`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import checker
from checker._model import Question

from .rules_files import ANCHOR_LENGTH, anchor
from .rules_refs import CheckContext, check_cycles, criterion_refs, duplicates
from .rules_yaml import Document, Path_, Problem


def calendar_problems(doc: Document) -> list[Problem]:
    """What the holidays package would refuse, said where it is in the file."""
    import holidays

    settings = doc.data["bank_holidays"]
    supported = holidays.list_supported_countries()
    if settings["country"] not in supported:
        return [doc.problem(("bank_holidays", "country"), f"'{settings['country']}' is not a country code the "
                            f"holidays package knows (England and Wales: GB)")]
    if settings["subdiv"] not in supported[settings["country"]]:
        return [doc.problem(("bank_holidays", "subdiv"), f"'{settings['subdiv']}' is not a subdivision of "
                            f"{settings['country']}; expected one of: {', '.join(supported[settings['country']])}")]
    if settings["first_year"] > settings["last_year"]:
        return [doc.problem(("bank_holidays", "last_year"), "last_year is before first_year")]
    return []


def check_question(ctx: CheckContext, doc: Document, path: Path_, question: dict[str, Any],
                    earlier: dict[str, dict[str, Any]], definitions: dict[str, Any]) -> dict[str, Any]:
    """Check one question against the questions before it (*earlier*, which
    it joins); return it as it goes into the bundle."""
    has_options = question["type"] in ("choice", "multi")
    if has_options and "options" not in question:
        ctx.problems.append(doc.problem(path, f"a {question['type']} question needs options"))
    if not has_options and "options" in question:
        ctx.problems.append(doc.problem(path + ("options",), f"a {question['type']} question takes no options"))
    ctx.problems += duplicates(doc, question.get("options", []), path + ("options",), "option")
    if ("definition" in question and question["definition"] not in definitions
            and "definitions" not in ctx.unread):
        ctx.problems.append(doc.problem(path + ("definition",), f"unknown definition '{question['definition']}'"))
    if "ask_if" in question:
        ctx.check_condition(doc, path + ("ask_if",), question["ask_if"], dict(earlier), None,
                                f"the ask-if of '{question['id']}'")
    compiled = {key: value for key, value in question.items() if key != "matrix"}  # the site's, not the checker's
    if "definition" in question:
        compiled["definition"] = f"definitions/{question['definition']}/"
    compiled["cite"] = [ctx.check_cite(doc, path + ("cite", i), c) for i, c in enumerate(question.get("cite", []))]
    earlier.setdefault(question["id"], question)
    return compiled


def check_definition_test(ctx: CheckContext, doc: Document, path: Path_, definition: dict[str, Any],
                           ids: set[str]) -> dict[str, Any]:
    """A definition's own small test: its questions, criteria and the
    condition under which the term applies; returned as the bundle holds it."""
    test = definition["test"]
    ctx.problems += duplicates(doc, test["questions"], path + ("questions",), "question")
    ctx.problems += duplicates(doc, test["criteria"], path + ("criteria",), "criterion")
    asked: dict[str, dict[str, Any]] = {}
    questions = [check_question(ctx, doc, path + ("questions", i), q, asked, dict.fromkeys(ids))
                 for i, q in enumerate(test["questions"])]
    criteria = {c["id"] for c in test["criteria"]}
    for index, criterion in enumerate(test["criteria"]):
        ctx.check_condition(doc, path + ("criteria", index, "when"), criterion["when"], asked, criteria,
                                f"criterion '{criterion['id']}'")
    ctx.check_condition(doc, path + ("holds",), test["holds"], asked, criteria, "the test")
    refs = {c["id"]: set(criterion_refs(c["when"])) for c in test["criteria"]}
    check_cycles(ctx, doc, test["criteria"], refs, path)
    return {
        "id": definition["id"], "term": definition["term"], "question": test["question"],
        "cite": ctx.check_cite(doc, path + ("cite",), test["cite"]),
        "questions": questions,
        "criteria": [dict(c, cite=ctx.check_cite(doc, path + ("criteria", i, "cite"), c["cite"]))
                     for i, c in enumerate(test["criteria"])],
        "holds": test["holds"], "outcome": test["outcome"],
    }


def check_definitions(ctx: CheckContext, doc: Document | None) -> dict[str, dict[str, Any]]:
    """Definitions (rules/definitions.yaml, optional): one page each."""
    if doc is None:
        return {}
    items = doc.data["definitions"]
    ctx.problems += duplicates(doc, items, ("definitions",), "definition")
    ids = {item["id"] for item in items}
    result: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items):
        for ref_index, ref in enumerate(item.get("see_also", [])):
            if ref not in ids:
                ctx.problems.append(doc.problem(("definitions", index, "see_also", ref_index),
                                                    f"unknown definition '{ref}'"))
        quotes = [dict(ctx.check_cite(doc, ("definitions", index, "quotes", i), quote),
                       source=quote["page"].split("/")[1])
                  for i, quote in enumerate(item["quotes"])]
        compiled = dict(item, quotes=quotes)
        if "test" in item:
            compiled["test"] = check_definition_test(ctx, doc, ("definitions", index, "test"), item, ids)
        result.setdefault(item["id"], compiled)
    return result


def check_disagreements(ctx: CheckContext, docs: list[Document], frameworks: set[str],
                        framework_paths: list[Path]) -> list[dict[str, Any]]:
    """Ambiguities the rules decided (rules/disagreements/*.yaml), for the
    "Where the sources disagree" page: ids unique, frameworks real, quotes
    verbatim."""
    known = frameworks | {path.stem for path in framework_paths}
    result: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for doc in docs:
        for index, item in enumerate(doc.data["disagreements"]):
            at: Path_ = ("disagreements", index)
            if item["id"] in seen:
                ctx.problems.append(doc.problem(at + ("id",), f"disagreement id '{item['id']}' is also used "
                                                    f"in {seen[item['id']]}"))
            seen[item["id"]] = doc.file
            for ref_index, ref in enumerate(item["frameworks"]):
                if ref not in known:
                    ctx.problems.append(doc.problem(at + ("frameworks", ref_index), f"unknown framework "
                                                        f"'{ref}'; frameworks are: {', '.join(sorted(known))}"))
            cites = [ctx.check_cite(doc, at + ("cites", i), cite) for i, cite in enumerate(item["cites"])]
            result.append(dict(item, cites=cites))
    return result


def check_glossary(ctx: CheckContext, doc: Document | None, definitions: dict[str, Any]) -> list[dict[str, Any]]:
    """Abbreviations (rules/glossary.yaml, optional), expanded on every page."""
    if doc is None:
        return []
    seen: dict[str, int] = {}
    result = []
    for index, item in enumerate(doc.data["abbreviations"]):
        if item["abbr"] in seen:
            ctx.problems.append(doc.problem(("abbreviations", index, "abbr"),
                                                f"duplicate abbreviation '{item['abbr']}' (first on line "
                                                f"{doc.where(('abbreviations', seen[item['abbr']], 'abbr'))[0]})"))
        seen.setdefault(item["abbr"], index)
        if "definition" in item and item["definition"] not in definitions and "definitions" not in ctx.unread:
            ctx.problems.append(doc.problem(("abbreviations", index, "definition"),
                                                f"unknown definition '{item['definition']}'"))
        compiled = dict(item)
        if "cite" in item:
            compiled["cite"] = ctx.check_cite(doc, ("abbreviations", index, "cite"), item["cite"])
        result.append(compiled)
    return sorted(result, key=lambda item: item["abbr"].lower())


def check_answers(ctx: CheckContext, doc: Document, path: Path_, answers: dict[str, Any],
                  by_question: dict[str, dict[str, Any]], typed: list[Question]) -> None:
    """Each answer (a worked example's, a vocabulary entry's) names a question
    and is one the checker would take."""
    for key, value in answers.items():
        question = by_question.get(key)
        if not by_question or question and question["type"] in ("choice", "multi") and "options" not in question:
            continue  # questions.yaml did not load, or this question has no options: reported already
        if question is None:
            ctx.problems.append(doc.problem(path + (key,), f"unknown question '{key}'", key=True))
            continue
        try:
            checker.parse_answers({"answers": {key: value}}, typed)
        except checker.AnswerError as error:
            ctx.problems += [doc.problem(path + (key,), problem) for problem in error.problems]


def check_anchors(ctx: CheckContext, doc: Document, at: Path_, case: dict[str, Any],
                  taken: dict[str, tuple[Document, Path_]]) -> None:
    """A case's anchors (its own and those it was published under) are ids on
    one page: one given twice would send a link to the other case."""
    own = at + ("anchor",) if "anchor" in case else at + ("name",)
    if "anchor" in case and len(case["anchor"]) > ANCHOR_LENGTH:
        ctx.problems.append(doc.problem(own, f"the anchor '{case['anchor']}' is longer than {ANCHOR_LENGTH} "
                                             "characters"))
    advice = (f"; give this one its own `anchor:` (lowercase words and hyphens, at most {ANCHOR_LENGTH} "
              "characters)")
    places = [(own, anchor(case), advice)] + [(at + ("former_anchors", i), former, "")
                                              for i, former in enumerate(case.get("former_anchors", []))]
    for where, value, fix in places:
        if value in taken:
            first_doc, first_where = taken[value]
            line, _ = first_doc.where(first_where)
            ctx.problems.append(doc.problem(where, f"the anchor '{value}' is already that of the worked example "
                                                   f"at {first_doc.file}:{line}{fix}"))
        else:
            taken[value] = (doc, where)


def check_examples(ctx: CheckContext, docs: list[Document], questions: list[dict[str, Any]],
                   frameworks: list[dict[str, Any]], framework_docs: dict[Path, Document | None]
                   ) -> list[tuple[Document, int]]:
    """Worked examples (rules/examples/*.yaml, optional): the build renders
    each one through the checker, so an answer the checker would refuse is a
    rules error here, not a crash later.  Returns the cases to evaluate once
    the bundle exists.  Whether each outcome is the expected one is left to
    the tests (tests/examples_plugin.py)."""
    by_question = {q["id"]: q for q in questions}
    typed = [Question.from_data(q) for q in questions]
    by_framework = {f["id"]: {o["id"] for o in f["obligations"]} for f in frameworks}
    # A framework file that failed to load is reported already; do not also call its examples dangling.
    unreadable = {path.stem for path, doc in framework_docs.items() if doc is None}
    cases: list[tuple[Document, int]] = []
    taken: dict[str, tuple[Document, Path_]] = {}  # anchors on the Worked examples page, and where each is set
    for doc in docs:
        for index, case in enumerate(doc.data["cases"]):
            at: Path_ = ("cases", index)
            cases.append((doc, index))
            check_anchors(ctx, doc, at, case, taken)
            check_answers(ctx, doc, at + ("answers",), case["answers"], by_question, typed)
            for framework_id, expected in case["expect"].items():
                where = at + ("expect", framework_id)
                if framework_id in unreadable:
                    continue
                if framework_id not in by_framework:
                    ctx.problems.append(doc.problem(where, f"unknown framework '{framework_id}'; frameworks "
                                                        f"are: {', '.join(sorted(by_framework))}", key=True))
                    continue
                for obligation_id in expected.get("obligations", {}):
                    if obligation_id not in by_framework[framework_id]:
                        ctx.problems.append(doc.problem(
                            where + ("obligations", obligation_id),
                            f"'{obligation_id}' is not an obligation of '{framework_id}'; its obligations are: "
                            f"{', '.join(sorted(by_framework[framework_id]))}", key=True))
                for missing_index, question_id in enumerate(expected.get("missing", [])):
                    if questions and question_id not in by_question:
                        ctx.problems.append(doc.problem(where + ("missing", missing_index),
                                                            f"unknown question '{question_id}'"))
    return cases


def check_framework(ctx: CheckContext, doc: Document, path: Path, seen: dict[str, str]) -> dict[str, Any]:
    data = doc.data
    if data["id"] != path.stem:
        ctx.problems.append(doc.problem(("id",), f"framework id '{data['id']}' must match its file name "
                                            f"'{path.stem}'"))
    if data["id"] in seen:
        ctx.problems.append(doc.problem(("id",), f"framework id '{data['id']}' is also used by {seen[data['id']]}"))
    seen[data["id"]] = doc.file
    if data["source"] not in ctx.sources and "sources" not in ctx.unread:
        ctx.problems.append(doc.problem(("source",), f"unknown source '{data['source']}'; "
                                            f"sources are: {', '.join(ctx.sources)}"))
    ctx.problems += duplicates(doc, data["criteria"], ("criteria",), "criterion")
    ctx.problems += duplicates(doc, data["obligations"], ("obligations",), "obligation")
    criteria = {c["id"] for c in data["criteria"]}
    questions = ctx.questions

    ctx.check_condition(doc, ("scope", "when"), data["scope"]["when"], questions, criteria, "the scope")
    for index, criterion in enumerate(data["criteria"]):
        ctx.check_condition(doc, ("criteria", index, "when"), criterion["when"], questions, criteria,
                                f"criterion '{criterion['id']}'")
    for index, obligation in enumerate(data["obligations"]):
        ctx.check_condition(doc, ("obligations", index, "if"), obligation["if"], questions, criteria,
                                f"obligation '{obligation['id']}'")
        within = obligation.get("within")
        if within and within["from"] not in ctx.start_points and "questions" not in ctx.unread:
            ctx.problems.append(doc.problem(("obligations", index, "within", "from"),
                                                f"unknown start point '{within['from']}'; start points are: "
                                                f"{', '.join(ctx.start_points)}"))

    refs = {c["id"]: set(criterion_refs(c["when"])) for c in data["criteria"]}
    check_cycles(ctx, doc, data["criteria"], refs)
    used = set(criterion_refs(data["scope"]["when"]))
    for obligation in data["obligations"]:
        used |= set(criterion_refs(obligation["if"]))
    frontier = list(used)
    while frontier:
        for ref in refs.get(frontier.pop(), ()):
            if ref not in used:
                used.add(ref)
                frontier.append(ref)
    for index, criterion in enumerate(data["criteria"]):
        if criterion["id"] not in used:
            ctx.problems.append(doc.problem(("criteria", index, "id"),
                                                f"criterion '{criterion['id']}' is never used by the scope "
                                                f"or by any obligation"))

    if not data["current"] and "current_note" not in data:
        ctx.problems.append(doc.problem(("current",), "a framework that is not current needs a current_note "
                                            "saying what replaced it and since when"))
    for index, obligation in enumerate(data["obligations"]):
        reading = obligation.get("other_reading")
        if reading and not obligation.get("within"):
            ctx.problems.append(doc.problem(("obligations", index, "other_reading"),
                                                "an other_reading needs the obligation's own 'within'"))
        if reading and reading["within"]["from"] not in ctx.start_points and "questions" not in ctx.unread:
            ctx.problems.append(doc.problem(("obligations", index, "other_reading", "within", "from"),
                                                f"unknown start point '{reading['within']['from']}'; start points "
                                                f"are: {', '.join(ctx.start_points)}"))

    source = ctx.sources.get(data["source"], {})
    return {
        "id": data["id"],
        "title": data["title"],
        "short_title": data.get("short_title", data["title"]),
        "current": data["current"],
        "current_note": data.get("current_note"),
        "note": data.get("note"),
        "source": {"seed": source.get("seed"), "title": source.get("title"), "version": source.get("version")},
        "scope": {"text": data["scope"]["text"], "when": data["scope"]["when"],
                  "cite": ctx.check_cite(doc, ("scope", "cite"), data["scope"]["cite"])},
        "criteria": [dict(c, cite=ctx.check_cite(doc, ("criteria", i, "cite"), c["cite"]))
                     for i, c in enumerate(data["criteria"])],
        "obligations": [dict(o, within=o.get("within"), mandatory=o["strength"] == "must",
                             cite=ctx.check_cite(doc, ("obligations", i, "cite"), o["cite"]))
                        for i, o in enumerate(data["obligations"])],
    }
