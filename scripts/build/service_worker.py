"""The service worker that keeps the site usable offline, written into the
built site (``sw.js`` at its root, so its scope is the whole site) once
every other file exists.

It precaches the site's own files, each listed with its SHA-256 (checked by
the browser as it fetches them, so a cache never mixes two builds), under a
cache named from the whole list: a new build is a new cache, and the worker
deletes the old one when it takes over.  What it serves and how is in the
template, ``templates/service-worker.js.j2``.

    python -m scripts.build.service_worker site/   # (re)write site/sw.js
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .questionnaire import environment

SERVICE_WORKER = "sw.js"
CACHE_PREFIX = "threshold-"
GZIP_MAGIC = b"\x1f\x8b"

# Built files that no page loads, with the reason each is left out.  Anything
# else in the site is precached.  (A test checks that every request a tour of
# the site makes is in the manifest, so a wrong entry here shows up.)
EXCLUDE = {
    "*.map": "source maps: only a browser's developer tools ask for them",
    "schemas/*": "JSON Schemas for rule authors' editors, not for pages",
    "sitemap.xml.gz": "for search engines (instant navigation reads sitemap.xml)",
    SERVICE_WORKER: "the browser fetches the worker itself, and checks it for updates",
}


@dataclass(frozen=True)
class Entry:
    """One precached file: its URL relative to the site root, as pages ask
    for it, and its Subresource Integrity hash."""

    url: str
    integrity: str
    # Published gzip-compressed under a name that does not say so (the
    # checker's memory snapshot): kept decompressed, so that a page reads it
    # without undoing the compression on every visit.
    gzipped: bool = False


def page_url(path: str) -> str:
    """The URL a page is asked for by: ``check/index.html`` -> ``check/``."""
    if path == "index.html":
        return "./"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def excluded(path: str) -> bool:
    """Whether a built file (site-relative path) is one no page loads."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in EXCLUDE)


def integrity(data: bytes) -> str:
    """The Subresource Integrity value the browser checks a fetched file against."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def gzipped(path: str, data: bytes) -> bool:
    """Whether a file is gzip data under a name that does not end in .gz."""
    return data[:2] == GZIP_MAGIC and not path.endswith(".gz")


def manifest(site: Path) -> list[Entry]:
    """Every file of the built site a page may load, sorted by URL."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} is not a built site (no index.html)")
    entries = []
    for file in site.rglob("*"):
        path = file.relative_to(site).as_posix()
        if file.is_file() and not excluded(path):
            data = file.read_bytes()
            entries.append(Entry(page_url(path), integrity(data), gzipped(path, data)))
    return sorted(entries, key=lambda entry: entry.url)


def cache_name(entries: list[Entry]) -> str:
    """Named from the manifest: a file changed, added or removed is a new cache."""
    listing = json.dumps([[entry.url, entry.integrity] for entry in entries]).encode("utf-8")
    return CACHE_PREFIX + hashlib.sha256(listing).hexdigest()[:16]


def render(entries: list[Entry]) -> str:
    """The service worker's script for this manifest."""
    return environment().get_template("service-worker.js.j2").render(
        cache=cache_name(entries), prefix=CACHE_PREFIX, files=[[entry.url, entry.integrity, entry.gzipped] for entry in entries])


def render_retiring() -> str:
    """For ``mkdocs serve``: a worker that removes itself and its caches, since
    a cache-first worker would hide every edit from live reload."""
    return environment().get_template("service-worker-retire.js.j2").render(prefix=CACHE_PREFIX)


def write_service_worker(site: Path, retiring: bool = False) -> Path:
    """Write ``sw.js`` into the built site (to a temporary file, then renamed,
    so a host never serves half of it)."""
    text = render_retiring() if retiring else render(manifest(site))
    target = site / SERVICE_WORKER
    atomic.write_text(target, text)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m scripts.build.service_worker SITE_DIR", file=sys.stderr)
        return 2
    try:
        print(write_service_worker(Path(argv[0])))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
