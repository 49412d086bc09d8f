"""Page-level pieces the build adds around the hand-written Markdown: the
provenance box on guidance pages and the Guidance section of the navigation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


from . import fidelity
from .questionnaire import environment

ROOT = Path(__file__).resolve().parents[2]


def page_title(path: Path) -> str:
    """The text of a Markdown page's H1, without its attribute list."""
    match = re.search(r"^# (.+?)\s*(\{[^}]*\})?\s*$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else path.stem


def guidance_pages(folder: Path, seed: Path) -> list[str]:
    """The Markdown files of one document's folder in the document's own
    order: index.md first, then by where the first sentence of each page's
    text occurs in the seed (headings alone are ambiguous: a contents list
    repeats them, sometimes in another order)."""
    seed_text = fidelity.seed_text(seed)

    def position(name: str) -> tuple[int, str]:
        text = fidelity.html_text(fidelity.render_markdown([folder / name]))
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            if len(sentence) >= 40 and sentence in seed_text:
                return seed_text.index(sentence), name
        # A page of headings only: its title's last occurrence is the body's, not the contents list's.
        title = re.sub(r"^\d+\.\s*", "", fidelity.normalise(page_title(folder / name)))  # as the seed's list markers
        found = seed_text.lower().rfind(title.lower())
        return (found if found >= 0 else len(seed_text)), name

    names = [p.name for p in folder.glob("*.md") if p.name != "index.md"]
    return (["index.md"] if (folder / "index.md").is_file() else []) + sorted(names, key=position)


def guidance_nav(sources: dict[str, dict[str, Any]], docs: Path, seeds: Path = ROOT / "seeds") -> list[Any]:
    """Navigation entries for the Guidance section, one per published source."""
    nav: list[Any] = ["guidance/index.md"]
    for source_id, source in sources.items():
        folder = docs / "guidance" / source_id
        if folder.is_dir():
            seed = seeds / source["seed"]
            nav.append({source["short_title"]: [f"guidance/{source_id}/{name}"
                                                 for name in guidance_pages(folder, seed)]})
    return nav


def document_pages(source_id: str, source: dict[str, Any], docs: Path, seeds: Path = ROOT / "seeds") -> list[dict[str, str]]:
    """The pages of one document after its index, as (file, title) for the
    generated list on its contents page."""
    folder = docs / "guidance" / source_id
    seed = seeds / source["seed"]
    return [{"file": name, "title": page_title(folder / name)}
            for name in guidance_pages(folder, seed) if name != "index.md"]


def with_section(nav: list[Any], title: str, entries: list[Any]) -> list[Any]:
    """Return *nav* with its top-level entry *title* replaced by *entries*."""
    return [{title: entries} if isinstance(item, dict) and title in item else item for item in nav]


def definitions_nav(definitions: list[dict[str, Any]]) -> list[str]:
    """The Definitions section: its index, then one page per term A to Z."""
    terms = sorted(definitions, key=lambda d: d["term"].lower())
    return ["definitions/index.md"] + [f"definitions/{d['id']}.md" for d in terms]


def provenance_box(source: dict[str, Any], contents_url: str) -> str:
    """HTML of the box that opens every guidance page."""
    return environment().get_template("provenance.html.j2").render(source=source, contents_url=contents_url)


def sources_table(sources: dict[str, dict[str, Any]], base: str = "guidance/") -> str:
    """Markdown list of the sources with their status and a currency badge,
    for the home page and the Guidance index (*base* leads to guidance/)."""
    return environment().get_template("sources.md.j2").render(sources=list(sources.values()), base=base)


def pages_list(pages: list[dict[str, str]], base: str) -> str:
    """HTML list of a document's pages, for its contents page."""
    return environment().get_template("document-pages.html.j2").render(pages=pages, base=base)


def insert_after_title(html: str, fragment: str) -> str:
    """Place *fragment* right after the page's first ``<h1>``."""
    match = re.search(r"</h1>", html)
    return html[:match.end()] + fragment + html[match.end():] if match else fragment + html
