"""The memory snapshot's published form (scripts/build/snapshot.py writes it,
docs/assets/javascripts/checker/snapshot.mjs reads it back in the worker and
in the parity test's runner): without its pages of zeros, and restored byte
for byte; anything else refused, so that the worker falls back to its
ordinary boot (tests/test_checker_boot.py)."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from scripts.build import snapshot

ROOT = Path(__file__).resolve().parent.parent
READER = ROOT / "docs" / "assets" / "javascripts" / "checker" / "snapshot.mjs"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed")  # scripts/setup needs it too

# Reads the bytes on stdin with unpack(); prints them back in hex, or the error.
SCRIPT = f"""
import {{ unpack }} from {json.dumps(READER.as_uri())};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {{
  process.stdout.write(JSON.stringify({{ ok: Buffer.from(unpack(new Uint8Array(Buffer.concat(chunks)))).toString("hex") }}));
}} catch (error) {{
  process.stdout.write(JSON.stringify({{ error: error.message }}));
}}
"""


def read_back(data: bytes) -> dict[str, str]:
    done = subprocess.run(["node", "--input-type=module", "-e", SCRIPT], input=data, capture_output=True, timeout=60,
                          check=True)
    return json.loads(done.stdout)


def page(fill: int, size: int = 16) -> bytes:
    return bytes([fill]) * size


CASES = {
    "zero pages between others": page(1) + page(0) + page(0) + page(2) + page(0),
    "a short last page": page(3) + page(0) + b"\x07\x00\x09",
    "a short last page of zeros": page(3) + b"\x00\x00",
    "nothing but zeros": page(0) * 3,
    "no zeros at all": page(5) * 2,
    "zeros within a kept page": b"\x01" + bytes(15) + page(0),
}


@pytest.mark.parametrize("name", CASES)
def test_the_worker_reads_back_exactly_what_was_packed(name: str):
    raw = CASES[name]
    assert read_back(snapshot.sparse(raw, page=16)) == {"ok": raw.hex()}


def test_pages_of_zeros_are_left_out():
    raw = page(1) + page(0) * 10 + page(2)
    packed = snapshot.sparse(raw, page=16)
    assert len(packed) == 4 * (5 + 2) + 2 * 16  # header, two indexes, two pages
    assert struct.unpack_from("<5I2I", packed) == (snapshot.SPARSE_MAGIC, snapshot.SPARSE_VERSION, len(raw), 16, 2, 0, 11)


def _header(*words: int) -> bytes:
    return struct.pack(f"<{len(words)}I", *words)


REFUSED = {
    "Pyodide's own snapshot, not packed": _header(1886286592, 0, 0, 0, 0, 0),
    "too short for a header": b"THSP",
    "another version": _header(snapshot.SPARSE_MAGIC, 2, 16, 16, 1, 0) + page(1),
    "a page missing": _header(snapshot.SPARSE_MAGIC, 1, 32, 16, 2, 0, 1) + page(1),
    "bytes left over": _header(snapshot.SPARSE_MAGIC, 1, 32, 16, 1, 0) + page(1) + b"\x00",
    "indexes out of order": _header(snapshot.SPARSE_MAGIC, 1, 32, 16, 2, 1, 0) + page(1) + page(2),
    "an index past the end": _header(snapshot.SPARSE_MAGIC, 1, 32, 16, 1, 2) + page(1),
    "a page size of zero": _header(snapshot.SPARSE_MAGIC, 1, 32, 0, 0),
}


@pytest.mark.parametrize("name", REFUSED)
def test_anything_else_is_refused(name: str):
    assert "snapshot" in read_back(REFUSED[name]).get("error", "")
