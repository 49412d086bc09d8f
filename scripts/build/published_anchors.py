"""List every published page URL and heading anchor of a built site.

Trainers link to these; ``tests/published_anchors.txt`` records every one ever
published and a test fails if any disappears.  After adding pages or headings:

    python -m scripts.build.published_anchors site/ --add tests/published_anchors.txt

``--add`` only ever adds lines: removing a published anchor must be a
deliberate edit of the file, reviewed as such.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HEADER = "# Every page URL and heading anchor ever published. Add with scripts/build/published_anchors.py; never delete.\n"


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self._in_content = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and "md-content__inner" in (attributes.get("class") or ""):
            self._in_content += 1
        # A heading's id, or an anchor kept for a heading whose wording (and so
        # its slug) changed: trainers' old links still land on it.
        kept = "data-former-anchor" in attributes
        if (re.fullmatch(r"h[1-6]", tag) or kept) and attributes.get("id") and self._in_content:
            self.ids.append(attributes["id"] or "")


def page_url(site: Path, html_file: Path) -> str:
    relative = html_file.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def collect(site: Path) -> list[str]:
    """Every page URL (relative to the site root) and every heading anchor."""
    entries: set[str] = set()
    for html_file in site.rglob("*.html"):
        url = page_url(site, html_file)
        if url == "404.html" or url.startswith("assets/"):
            continue
        parser = _Headings()
        parser.feed(html_file.read_text(encoding="utf-8"))
        entries.add(url or "/")
        entries.update(f"{url}#{anchor}" for anchor in parser.ids)
    return sorted(entries)


def read_list(path: Path) -> list[str]:
    """The entries of an anchors file, without comments and blank lines."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--add", type=Path, metavar="LIST", help="add new entries to this list file")
    args = parser.parse_args(argv)
    current = collect(args.site)
    if not args.add:
        print("\n".join(current))
        return 0
    known = read_list(args.add) if args.add.exists() else []
    added = sorted(set(current) - set(known))
    args.add.write_text(HEADER + "\n".join(sorted(set(known) | set(current))) + "\n", encoding="utf-8")
    print(f"{len(added)} new entries added to {args.add}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
