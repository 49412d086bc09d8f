"""Files the built site needs besides its pages: the Pyodide runtime from the
npm package and the checker as a pure-Python wheel.

Both are copied into the site under versioned paths, so a browser may cache
them for good and a new release is a new URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .questionnaire import environment

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
# What a module worker needs to boot Pyodide and install a wheel by URL.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class AssetError(Exception):
    """A site asset cannot be produced (e.g. npm packages not installed)."""


@dataclass(frozen=True)
class Asset:
    """A file to publish: its URL path in the site and its bytes or source."""

    uri: str
    source: Path | None = None
    content: bytes | None = None


def pyodide_assets(package: Path = PYODIDE_PACKAGE) -> tuple[str, list[Asset]]:
    """Return the site folder of the runtime and the files to copy there."""
    manifest = package / "package.json"
    if not manifest.is_file():
        raise AssetError(f"{package} is missing: run `npm ci` (the README's commands do it)")
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    folder = f"assets/pyodide/{version}/"
    missing = [name for name in PYODIDE_FILES if not (package / name).is_file()]
    if missing:
        raise AssetError(f"the pyodide npm package lacks {', '.join(missing)}; reinstall it with `npm ci`")
    return folder, [Asset(folder + name, source=package / name) for name in PYODIDE_FILES]


PRECOMPILE_SCRIPT = ROOT / "scripts" / "node" / "precompile_stdlib.mjs"
CACHE = ROOT / ".cache" / "threshold"  # outside node_modules: `npm ci` empties that


def precompiled_stdlib(folder: str, package: Path = PYODIDE_PACKAGE) -> Asset:
    """Pyodide's standard library as bytecode, compiled inside Pyodide (in
    Node) once per Pyodide version and script change, then taken from a cache.
    It cuts the checker's boot to a fraction: see scripts/node/precompile_stdlib.mjs."""
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    key = hashlib.sha256(PRECOMPILE_SCRIPT.read_bytes() + version.encode()).hexdigest()[:12]
    cached = CACHE / f"python_stdlib-{version}-{key}.zip"
    if not cached.is_file():
        node = shutil.which("node")
        if node is None:
            raise AssetError("Node.js is needed to precompile the Python standard library for the checker")
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        result = subprocess.run([node, str(PRECOMPILE_SCRIPT), str(partial)], capture_output=True, text=True)
        if result.returncode != 0 or not partial.is_file():
            partial.unlink(missing_ok=True)
            raise AssetError(f"precompiling the standard library failed:\n{result.stderr[-2000:]}")
        partial.replace(cached)
    digest = hashlib.sha256(cached.read_bytes()).hexdigest()[:12]
    return Asset(f"{folder}python_stdlib.{digest}.zip", source=cached)


def mermaid_asset(package: Path = ROOT / "node_modules" / "mermaid") -> Asset:
    """Mermaid's self-contained browser build, under a versioned name.
    Material renders ``mermaid`` fences with it instead of fetching it from a CDN."""
    manifest = package / "package.json"
    if not manifest.is_file():
        raise AssetError(f"{package} is missing: run `npm ci` (the README's commands do it)")
    version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return Asset(f"assets/javascripts/mermaid-{version}.min.js", source=package / "dist" / "mermaid.min.js")


def mermaid_loader(mermaid: Asset) -> Asset:
    """The small script every page loads instead of Mermaid itself: it loads
    `mermaid` (the asset above) only when a page has a diagram to draw."""
    content = environment().get_template("mermaid-loader.js.j2").render(
        mermaid_file=mermaid.uri.rsplit("/", 1)[-1]).encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:12]
    folder = mermaid.uri.rsplit("/", 1)[0]
    return Asset(f"{folder}/mermaid-loader.{digest}.js", content=content)


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def checker_wheel(project: Path = ROOT) -> Asset:
    """Build the checker (with its compiled rules bundle) as a pure-Python wheel.

    ``pyodide build`` would download a cross-build environment, which a
    pure-Python package does not need: the project's own PEP 517 backend
    (flit_core) makes the same ``py3-none-any`` wheel, offline, in-process.
    """
    from flit_core import buildapi

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # same bytes for the same code
    with tempfile.TemporaryDirectory() as out, _working_directory(project):
        name = buildapi.build_wheel(out)
        content = (Path(out) / name).read_bytes()
    digest = hashlib.sha256(content).hexdigest()[:12]
    return Asset(f"assets/checker/{digest}/{name}", content=content)
