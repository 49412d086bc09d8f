"""Content-Security-Policy for the built pages.

Every page carries the policy as a ``<meta http-equiv>`` tag written by
``overrides/main.html``.  Its ``script-src`` allows our own files and
WebAssembly but no inline script by default; Material's few inline scripts
change with the page's depth (``new URL("..", location)``), so after a page is
rendered :func:`add_csp` adds the ``'sha256-…'`` of each inline script in the
final HTML to that page's ``script-src``.  No ``'unsafe-inline'`` and no
``'unsafe-eval'`` for scripts.

:func:`header_policy` gives the policy a host should send as a header for the
whole site: the same directives, the union of every page's script hashes
(a header that left them out would block those scripts, since the browser
enforces both policies), and ``frame-ancestors``, which a meta tag cannot
carry.  ``python -m scripts.build.csp site/`` prints it.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
import sys
from pathlib import Path

META_RE = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="(?P<policy>[^"]*)"\s*/?>',
                     re.IGNORECASE)
SCRIPT_RE = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TYPE_RE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SRC_RE = re.compile(r"\bsrc\s*=", re.IGNORECASE)

# Types a browser runs as script; anything else (application/json, ...) is a data block.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "text/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
                "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript"}

# Only for hosts: a <meta> policy cannot carry these (the browser ignores them there).
HEADER_ONLY = {"frame-ancestors": ["'none'"]}


class CSPError(ValueError):
    """The page cannot be given a policy that covers all its scripts."""


def inline_scripts(html: str) -> list[tuple[int, str]]:
    """(offset, text) of every inline script the browser would run."""
    found = []
    for match in SCRIPT_RE.finditer(html):
        attrs = match.group("attrs")
        if SRC_RE.search(attrs):
            continue
        kind = TYPE_RE.search(attrs)
        value = next((group for group in kind.groups() if group is not None), "") if kind else ""
        if value.strip().lower() not in SCRIPT_TYPES:
            continue
        found.append((match.start(), match.group("body")))
    return found


def script_hash(text: str) -> str:
    """The CSP hash-source of an inline script's text (line ends as the HTML parser sees them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def parse_policy(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def format_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def with_hashes(policy: str, hashes: list[str]) -> str:
    """`policy` with `hashes` added to its script-src (which it must have)."""
    directives = parse_policy(policy)
    if "script-src" not in directives:
        raise CSPError("the policy has no script-src to add the inline scripts' hashes to")
    sources = directives["script-src"]
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'"):
        if unsafe in sources:
            raise CSPError(f"script-src must not allow {unsafe}")
    sources.extend(h for h in dict.fromkeys(hashes) if h not in sources)
    return format_policy(directives)


def page_policy(html: str) -> str | None:
    match = META_RE.search(html)
    return html_lib.unescape(match.group("policy")) if match else None


def add_csp(html: str) -> str:
    """Add the sha256 of every inline script of `html` to the script-src of
    its Content-Security-Policy meta tag.  Raises CSPError if the page has no
    such tag, or an inline script comes before it (and would not be governed)."""
    match = META_RE.search(html)
    if not match:
        raise CSPError("the page has no <meta http-equiv=\"Content-Security-Policy\"> tag")
    scripts = inline_scripts(html)
    early = [offset for offset, _ in scripts if offset < match.start()]
    if early:
        raise CSPError("an inline script comes before the Content-Security-Policy meta tag")
    policy = with_hashes(html_lib.unescape(match.group("policy")), [script_hash(text) for _, text in scripts])
    content = policy.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")  # keeps the quotes readable
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: match.start()] + tag + html[match.end():]


def header_policy(site: Path) -> str:
    """The policy for a host's header: every page's meta policy must agree
    apart from script hashes; the header lists the union of them all."""
    base: dict[str, list[str]] | None = None
    hashes: list[str] = []
    for path in sorted(site.rglob("*.html")):
        policy = page_policy(path.read_text(encoding="utf-8"))
        if policy is None:
            raise CSPError(f"{path.relative_to(site)}: no Content-Security-Policy meta tag")
        directives = parse_policy(policy)
        page_hashes = [s for s in directives.get("script-src", []) if s.startswith("'sha256-")]
        directives["script-src"] = [s for s in directives.get("script-src", []) if s not in page_hashes]
        if base is None:
            base = directives
        elif directives != base:
            raise CSPError(f"{path.relative_to(site)}: its policy differs from the other pages' beyond script hashes")
        hashes.extend(page_hashes)
    if base is None:
        raise CSPError(f"{site}: no HTML pages")
    base["script-src"].extend(dict.fromkeys(hashes))
    base.update(HEADER_ONLY)
    return format_policy(base)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m scripts.build.csp SITE_DIR   (prints the Content-Security-Policy header for that built site)",
              file=sys.stderr)
        return 2
    try:
        print(header_policy(Path(argv[0])))
    except CSPError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
