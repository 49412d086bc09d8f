"""The checker's memory snapshot: Pyodide's memory with the checker imported
and its rules read, made at build time in Node by
``scripts/node/make_snapshot.mjs`` and restored by the site's worker, which
then starts in a fraction of a boot (SPEC section 10).

Made once per set of inputs and kept in ``.cache/threshold/``: the key covers
the Pyodide runtime's bytes, the scripts that make it, the wheel and the
standard library zip (a snapshot only works with the very zip it was made
on).  Published under a content-hashed name without its pages of zeros
(:func:`sparse`; ``docs/assets/javascripts/checker/snapshot.mjs`` restores
them), then gzip-compressed.  The service worker keeps it decompressed, so a
later visit reads 15 MB from its cache instead of 31 MB, and undoes no gzip.
"""

from __future__ import annotations

import gzip
import struct
import tempfile
from pathlib import Path

from . import site_assets
from .site_assets import Asset

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = (ROOT / "scripts" / "node" / "make_snapshot.mjs", ROOT / "scripts" / "node" / "pyodide_run.mjs",
           ROOT / "docs" / "assets" / "javascripts" / "checker" / "wheel.mjs", Path(__file__))


def _inputs(wheel: Asset, stdlib: Path) -> list[bytes]:
    package = site_assets.PYODIDE_PACKAGE
    runtime = [(package / name).read_bytes() for name in (*site_assets.PYODIDE_FILES, site_assets.LOCK_FILE)]
    return [*runtime, *(script.read_bytes() for script in SCRIPTS), wheel.content or b"", stdlib.read_bytes()]


def raw_snapshot(wheel: Asset, stdlib: Path) -> Path:
    """The snapshot as Pyodide writes it (cached)."""
    def produce(partial: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            site_assets.run_node(SCRIPTS[0], "--wheel", str(site_assets.written(wheel, Path(tmp))), "--stdlib",
                                 str(stdlib), str(partial), purpose="make the checker's memory snapshot",
                                 output=partial)

    return site_assets.cached("snapshot", ".bin", site_assets.digest(*_inputs(wheel, stdlib)), produce)


# docs/assets/javascripts/checker/snapshot.mjs reads this layout.
SPARSE_MAGIC = 0x50534854  # "THSP"
SPARSE_VERSION = 1
PAGE = 4096


def sparse(raw: bytes, page: int = PAGE) -> bytes:
    """*raw* without its pages of zeros: a header (magic, version, full
    length, page size, pages kept), the kept pages' indexes, their bytes."""
    pages = [raw[start:start + page] for start in range(0, len(raw), page)]
    kept = [index for index, chunk in enumerate(pages) if chunk.strip(b"\0")]
    header = struct.pack(f"<5I{len(kept)}I", SPARSE_MAGIC, SPARSE_VERSION, len(raw), page, len(kept), *kept)
    return header + b"".join(pages[index] for index in kept)


def memory_snapshot(folder: str, wheel: Asset, stdlib: Path) -> Asset:
    """The compressed snapshot to publish in the runtime's *folder*."""
    raw = raw_snapshot(wheel, stdlib)

    def produce(partial: Path) -> None:
        # mtime=0: the same snapshot gives the same bytes, so the same name
        partial.write_bytes(gzip.compress(sparse(raw.read_bytes()), compresslevel=9, mtime=0))

    # the raw snapshot's own key, and this file's code, which writes the published form
    key = site_assets.digest(raw.name.encode(), Path(__file__).read_bytes())
    compressed = site_assets.cached("snapshot", ".sparse.gz", key, produce)
    return Asset(f"{folder}snapshot.{site_assets.digest(compressed.read_bytes())}.bin", source=compressed)
