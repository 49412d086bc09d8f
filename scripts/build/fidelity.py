"""Measure how much of a source document appears verbatim in published text.

The seeds are the authority: every sentence of them must reach the site
unchanged.  This module splits a seed into sentences (ignoring the conversion
artefacts the plain-text files carry: Markdown-ish emphasis, ``[text](#)``
links, HTML fragments, footnote superscripts, contents-page numbers) and looks
for each one in the text of rendered HTML.

Used two ways:

* ``python scripts/build/fidelity.py SEED.txt DIR_OR_FILES...`` renders Markdown
  files with the site's extensions and prints coverage plus every sentence
  that is missing (handy while transcribing);
* ``tests/`` import :func:`seed_sentences` and :func:`html_text` to check the
  built site.
"""

from __future__ import annotations

import argparse
import functools
import html
import re
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

MIN_LENGTH = 40

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_NO_SUPERSCRIPTS = {ord(c): None for c in _SUPERSCRIPTS}  # footnote markers, wherever they survive
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_TAG = re.compile(r"<[^>]+>")
_PAGE_NUMBER = re.compile(r"(\.{3,})?\s*\t\s*\d+(\s*[-–]\s*\d+)?\s*$|\.{3,}\s*\d+(\s*[-–]\s*\d+)?\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-·•]\s+|\d+\.\s+|\(?[a-z]\)\s+|\(?[ivx]+\)\s+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str) -> str:
    """Fold the differences that rendering may introduce but that do not
    change wording: Unicode compatibility forms, whitespace, escaped
    brackets and non-breaking spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("•", " ")
    text = text.translate(_NO_SUPERSCRIPTS)
    text = re.sub(r"\\([()\[\]*_#<>`])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _clean_seed_line(line: str) -> str:
    line = _PAGE_NUMBER.sub("", line)
    line = re.sub(r"\.{4,}\s*$", "", line)  # a contents line's dot leader, its page number in the next cell
    line = _LINK.sub(lambda m: m.group(1), line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    line = _TAG.sub(" ", line)
    line = html.unescape(line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)
    line = line.translate({ord(c): None for c in _SUPERSCRIPTS})
    line = _LIST_MARKER.sub("", line)
    return line


def seed_sentences(path: Path, min_length: int = MIN_LENGTH) -> list[str]:
    """Return the normalised sentences of *path* that are at least
    *min_length* characters long (table cells count as separate units)."""
    sentences: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        for cell in raw.split("\t"):
            cleaned = normalise(_clean_seed_line(cell))
            for sentence in _SENTENCE_END.split(cleaned):
                sentence = sentence.strip()
                if len(sentence) >= min_length:
                    sentences.append(sentence)
    return sentences


def seed_text(path: Path) -> str:
    """The whole seed as one normalised string, for finding quotes in it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return normalise(" ".join(_clean_seed_line(cell) for line in lines for cell in line.split("\t")))


def normalise_quote(quote: str) -> str:
    """A rules citation's quote, normalised the way seed text is."""
    return normalise(quote.translate({ord(c): None for c in _SUPERSCRIPTS}))


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page, minus the bits the site adds
    around the words: permalink markers, footnote numbers and back-links,
    scripts, navigation and the generated provenance box."""

    _SKIP_CLASSES = {"headerlink", "footnote-ref", "footnote-backref", "md-header",
                     "md-nav", "md-footer", "md-search", "md-sidebar", "md-skip"}
    _SKIP_TAGS = {"script", "style", "template", "noscript"}
    _VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "area", "col"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            self.parts.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = bool(self._stack and self._stack[-1])
        skip = skipping or tag in self._SKIP_TAGS or bool(classes & self._SKIP_CLASSES)
        self._stack.append(skip)
        if tag in {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        if self._stack:
            self._stack.pop()
        self.parts.append(" " if tag not in {"a", "em", "strong", "b", "i", "u", "abbr", "span", "code", "sup", "sub"} else "")

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def html_text(markup: str) -> str:
    """Return the normalised visible text of an HTML document or fragment."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return normalise("".join(parser.parts))


def coverage(sentences: list[str], text: str) -> tuple[float, list[str]]:
    """Return the share of *sentences* found in *text* and the missing ones."""
    missing = [s for s in sentences if s not in text]
    found = len(sentences) - len(missing)
    return (found / len(sentences) if sentences else 0.0), missing


MARKDOWN_EXTENSIONS = [
        "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
        "tables", "toc", "pymdownx.details", "pymdownx.superfences",
]


@functools.lru_cache(maxsize=1)
def _markdown() -> Any:
    # One converter for the whole process, reset between files: setting up its
    # extensions costs far more than converting a page, and a build renders dozens.
    import markdown  # imported late: only the build side needs it

    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


def render_markdown(paths: list[Path]) -> str:
    """Render Markdown files (front matter dropped) to one HTML string."""
    md = _markdown()
    chunks = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)
        md.reset()
        chunks.append(md.convert(source))
    return "\n".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("targets", nargs="+", type=Path,
                        help="Markdown files or folders of them, or built .html files")
    args = parser.parse_args(argv)
    files: list[Path] = []
    for target in args.targets:
        files.extend(sorted(target.rglob("*.md")) if target.is_dir() else [target])
    html_files = [f for f in files if f.suffix == ".html"]
    md_files = [f for f in files if f.suffix == ".md"]
    text = html_text(render_markdown(md_files) + "".join(f.read_text(encoding="utf-8") for f in html_files))
    ratio, missing = coverage(seed_sentences(args.seed), text)
    for sentence in missing:
        print(f"MISSING: {sentence}")
    print(f"{ratio:.1%} of {len(seed_sentences(args.seed))} sentences found verbatim")
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
