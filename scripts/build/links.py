"""Links from generated pages to the published guidance."""

from __future__ import annotations


def md_link(page: str, base: str = "../") -> str:
    """A bundle citation URL (``guidance/x/page/#anchor``) as a Markdown
    link relative to a generated page ``base`` away from the docs root, so
    that MkDocs validates it."""
    path, _, anchor = page.partition("#")
    parts = path.strip("/").split("/")
    # guidance/<source>/ is a document's index page; deeper URLs are page files
    md = "/".join(parts) + ("/index.md" if len(parts) == 2 else ".md")
    return f"{base}{md}#{anchor}" if anchor else f"{base}{md}"
