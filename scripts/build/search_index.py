"""The site's search: the index Material's search plugin writes, made fit
for the words practitioners type, and the worker that answers queries.

Material's own worker (lunr, with a query syntax of its own) cannot drop stop
words before prefix matching, tolerate typos only in longer words, weigh a
vocabulary field or put "Check this incident" first, and its index carries
page furniture and HTML.  So the build keeps Material's search box and result
list, rewrites ``search/search_index.json`` (plain text; each section's
everyday words from ``rules/vocabulary.yaml``; a weight per kind of page;
one "Check this incident" document per incident the vocabulary names) and
points Material at our worker (``docs/assets/javascripts/search/``: lunr from
npm, our engine, Material's worker protocol), concatenated into one
content-hashed file.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from . import atomic
from .site_assets import AssetError, Asset, digest

ROOT = Path(__file__).resolve().parents[2]
LUNR_PACKAGE = ROOT / "node_modules" / "lunr"
WORKER_SOURCES = (ROOT / "docs" / "assets" / "javascripts" / "search" / "engine.js",
                  ROOT / "docs" / "assets" / "javascripts" / "search" / "worker.js")
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")

# How much a match on each kind of page counts: the guidance and its defined
# terms answer a practitioner; the generated pages repeat their words many
# times over (a worked example per incident) and must not outrank them.
KIND_WEIGHTS = {"definitions": 2.0, "guidance": 1.0, "compare": 0.8, "glossary": 0.8, "check": 0.6,
                "examples": 0.35, "register": 0.35, "disagreements": 0.35}
OTHER_WEIGHT = 0.5
# Those generated pages are long and repeat the guidance: their sections are
# indexed by title and the start of their text, which is what a trainer looks
# them up by, so the index stays small (it is fetched on every first visit).
SHORT_TEXT = {"examples": 200, "register": 300, "disagreements": 400, "compare": 600}
TAG = re.compile(r"<[^>]+>")


class SearchIndexError(Exception):
    """The index cannot be built as the vocabulary asks (e.g. a target the
    search plugin did not index)."""


def plain(text: str) -> str:
    """Text of an index field without its HTML, on one line."""
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def kind_of(location: str) -> str:
    """The kind of page a document is on: the first part of its URL."""
    first = location.split("#")[0].split("/")[0]
    return first or "home"


def build_index(material: dict[str, Any], vocabulary: list[dict[str, Any]], questions: list[dict[str, Any]],
                first_headings: dict[str, str] | None = None) -> dict[str, Any]:
    """Material's index (``{"config", "docs"}``) rewritten for our worker.
    *first_headings* maps ``page/#anchor`` of each page's first heading to
    ``page/``: Material indexes that section as the page itself."""
    first_headings = first_headings or {}
    docs: list[dict[str, Any]] = []
    titles: dict[str, str] = {}
    for doc in material["docs"]:
        location = doc["location"]
        kind = kind_of(location)
        if kind == "check" and "#" in location:
            continue  # the questionnaire's sections: its labels would match every incident word
        title = plain(doc.get("title", ""))
        text = plain(doc.get("text", ""))
        if len(text) > SHORT_TEXT.get(kind, len(text)):
            text = text[:SHORT_TEXT[kind]].rsplit(" ", 1)[0] + " …"
        if "#" not in location:
            titles[location] = title
        weight = KIND_WEIGHTS.get(kind, OTHER_WEIGHT)
        if kind == "definitions" and "#" in location:
            # A definition's sections quote each source under the source's
            # name: weighed as the guidance they quote, so naming a source
            # ("KSCP", "North East Lincolnshire") leads to its guidance.
            weight = KIND_WEIGHTS["guidance"]
        docs.append({"location": location, "title": title, "text": text, "kind": kind, "boost": weight})
    by_location = {doc["location"]: doc for doc in docs}
    for doc in docs:
        page = doc["location"].split("#")[0]
        if "#" in doc["location"] and titles.get(page):
            doc["page"] = titles[page]
    missing = []
    for entry in vocabulary:
        targets = [f"definitions/{term}/" for term in entry["terms"]] + entry["sections"]
        for target in targets:
            doc = by_location.get(first_headings.get(target, target))
            if doc is None:
                missing.append(f"'{entry['words'][0]}' leads to {target}, which the search index lacks")
                continue
            doc["also"] = " ; ".join(filter(None, [doc.get("also", ""), *entry["words"]]))
    if missing:
        raise SearchIndexError("; ".join(missing))
    docs += incident_docs(vocabulary, questions)
    return {"config": material["config"], "docs": docs}


def incident_docs(vocabulary: list[dict[str, Any]], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One "Check this incident" document per vocabulary entry that names an
    incident: it opens the checker with the entry's answers ticked (the
    fragment contract of SPEC section 5)."""
    labels = {q["id"]: (q["text"], {o["id"]: o["label"] for o in q.get("options", [])}) for q in questions}
    result = []
    for entry in vocabulary:
        if "check" not in entry:
            continue
        given = []
        for question_id, value in entry["check"].items():
            text, options = labels[question_id]
            values = value if isinstance(value, list) else [value]
            given.append(f"{text} {', '.join(options.get(str(v), str(v)) for v in values)}.")
        result.append({"id": f"incident-{len(result) + 1}", "location": "check/" + entry["fragment"], "kind": "incident",
                       "title": f"Check this incident: {entry['incident']}",
                       "text": "Opens the checker with this answer given: " + " ".join(given)
                               + " Nothing you type leaves this device.",
                       "also": " ; ".join(entry["words"])})
    return result


def rewrite_index(site_dir: Path, vocabulary: list[dict[str, Any]], questions: list[dict[str, Any]],
                  first_headings: dict[str, str]) -> None:
    """Replace the index Material wrote in *site_dir* with ours (atomically:
    a reader never sees half a file)."""
    path = site_dir / "search" / "search_index.json"
    material = json.loads(path.read_text(encoding="utf-8"))
    index = build_index(material, vocabulary, questions, first_headings)
    atomic.write_text(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))


def worker_asset(package: Path = LUNR_PACKAGE) -> Asset:
    """lunr, our engine and the worker as one script with its content hash in its name."""
    lunr = package / "lunr.min.js"
    if not lunr.is_file():
        raise AssetError(f"{package} is missing: run `npm ci` (the README's commands do it)")
    parts = [lunr.read_bytes()] + [path.read_bytes() for path in WORKER_SOURCES]
    content = b"\n;\n".join(parts)
    return Asset(f"assets/javascripts/search-worker.{digest(content)}.js", content=content)


def use_our_worker(page_html: str, worker_uri: str) -> str:
    """Point Material's configuration (``#__config``) at our worker instead of its own.
    The URL keeps the page's relative prefix, which both files share."""
    return MATERIAL_WORKER.sub(worker_uri, page_html, count=1)
