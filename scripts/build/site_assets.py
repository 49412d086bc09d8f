"""Files the built site needs besides its pages: the Pyodide runtime from the
npm package, the standard library precompiled for it, the checker as a
pure-Python wheel and Mermaid.

Each is published under a name that carries a hash of its content, so a host
may let browsers keep them for good (About > Hosting) and a new release is a
new URL.  The trimmed standard library is scripts/build/stdlib_modules.py's,
the memory snapshot scripts/build/snapshot.py's.
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
from typing import Callable, Iterator

from .questionnaire import environment

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
# What a module worker needs to boot Pyodide and install a wheel by URL:
# pyodide.mjs loads the other two by these fixed names, next to itself.  The
# stock python_stdlib.zip is not shipped (the worker always names its own)
# and the lock file is shipped without its package list (below).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
LOCK_FILE = "pyodide-lock.json"
CACHE = ROOT / ".cache" / "threshold"  # outside node_modules: `npm ci` empties that


class AssetError(Exception):
    """A site asset cannot be produced (e.g. npm packages not installed)."""


@dataclass(frozen=True)
class Asset:
    """A file to publish: its URL path in the site and its bytes or source."""

    uri: str
    source: Path | None = None
    content: bytes | None = None


def digest(*parts: bytes) -> str:
    """The short content hash used in file names and cache keys."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())  # no two splits of the same bytes collide
    return hasher.hexdigest()[:12]


def cached(stem: str, suffix: str, key: str, produce: Callable[[Path], None]) -> Path:
    """The file `.cache/threshold/<stem>-<key><suffix>`, made by ``produce(path)``
    if it is not there yet.  The key must cover every input: a stale entry is
    never checked again.  Written under a temporary name, then renamed, so an
    interrupted build leaves no half file behind."""
    path = CACHE / f"{stem}-{key}{suffix}"
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            produce(partial)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return path


def run_node(script: Path, *args: str, purpose: str, output: Path | None = None,
             stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run one of the build's Node programs (scripts/node/) from the project
    root, for *purpose* ("make the checker's memory snapshot").  AssetError,
    with the end of what it printed on stderr, if Node.js is missing, the
    program fails, or it did not write *output*."""
    node = shutil.which("node")
    if node is None:
        raise AssetError(f"Node.js is needed to {purpose}")
    done = subprocess.run([node, str(script), *args], input=stdin, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0 or (output is not None and not output.is_file()):
        raise AssetError(f"{script.name} could not {purpose}:\n{done.stderr[-3000:]}")
    return done


def written(asset: Asset, folder: Path) -> Path:
    """*asset*'s bytes in *folder* under its own file name (Node's scripts
    read the wheel's name from its path, and put it on sys.path under it)."""
    path = folder / asset.uri.rsplit("/", 1)[-1]
    path.write_bytes(asset.content if asset.content is not None else asset.source.read_bytes())
    return path


def npm_version(package: Path = PYODIDE_PACKAGE) -> str:
    """The version of an npm package installed under node_modules."""
    manifest = package / "package.json"
    if not manifest.is_file():
        raise AssetError(f"{package} is missing: run `npm ci` (the README's commands do it)")
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def site_lock(package: Path = PYODIDE_PACKAGE) -> bytes:
    """Pyodide's lock file without its package list: loadPyodide reads it at
    boot (and checks its ABI version), but the checker's wheel is installed
    by URL and needs none of the 100 kB list of packages.
    scripts/node/pyodide_run.mjs builds the same one for Node."""
    lock = json.loads((package / LOCK_FILE).read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}).encode("utf-8")


def pyodide_assets(package: Path = PYODIDE_PACKAGE) -> tuple[str, list[Asset]]:
    """Return the site folder of the runtime and the files to copy there.
    The folder's name carries a hash of all of them (they load each other by
    fixed names, so the hash cannot be in each file's name)."""
    version = npm_version(package)
    missing = [name for name in (*PYODIDE_FILES, LOCK_FILE) if not (package / name).is_file()]
    if missing:
        raise AssetError(f"the pyodide npm package lacks {', '.join(missing)}; reinstall it with `npm ci`")
    lock = site_lock(package)
    key = digest(*(name.encode() + (package / name).read_bytes() for name in PYODIDE_FILES), lock)
    folder = f"assets/pyodide/{version}-{key}/"
    return folder, [*(Asset(folder + name, source=package / name) for name in PYODIDE_FILES),
                    Asset(folder + LOCK_FILE, content=lock)]


PRECOMPILE_SCRIPT = ROOT / "scripts" / "node" / "precompile_stdlib.mjs"
PRECOMPILE_WHEEL_SCRIPT = ROOT / "scripts" / "node" / "precompile_wheel.mjs"


def precompiled_stdlib(package: Path = PYODIDE_PACKAGE) -> Path:
    """Pyodide's whole standard library as bytecode, compiled inside Pyodide
    (in Node) once per Pyodide version and script change, then taken from a
    cache.  It cuts the checker's boot to a fraction (see
    scripts/node/precompile_stdlib.mjs); the site ships only the part the
    checker uses (scripts/build/stdlib_modules.py)."""
    version = npm_version(package)

    def produce(partial: Path) -> None:
        run_node(PRECOMPILE_SCRIPT, str(partial), purpose="precompile the Python standard library for the checker",
                 output=partial)

    return cached(f"python_stdlib-{version}", ".zip", digest(PRECOMPILE_SCRIPT.read_bytes(), version.encode()), produce)


def mermaid_asset(package: Path = ROOT / "node_modules" / "mermaid") -> Asset:
    """Mermaid's self-contained browser build, under a versioned name.
    Material renders ``mermaid`` fences with it instead of fetching it from a CDN."""
    version = npm_version(package)
    source = package / "dist" / "mermaid.min.js"
    return Asset(f"assets/javascripts/mermaid-{version}.{digest(source.read_bytes())}.min.js", source=source)


def mermaid_loader(mermaid: Asset) -> Asset:
    """The small script every page loads instead of Mermaid itself: it loads
    `mermaid` (the asset above) only when a page has a diagram to draw."""
    content = environment().get_template("mermaid-loader.js.j2").render(
        mermaid_file=mermaid.uri.rsplit("/", 1)[-1]).encode("utf-8")
    folder = mermaid.uri.rsplit("/", 1)[0]
    return Asset(f"{folder}/mermaid-loader.{digest(content)}.js", content=content)


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
        content = precompiled_wheel(name, (Path(out) / name).read_bytes()).read_bytes()
    return Asset(f"assets/checker/{digest(content)}/{name}", content=content)


def precompiled_wheel(name: str, content: bytes, package: Path = PYODIDE_PACKAGE) -> Path:
    """The wheel with each module's bytecode beside its source, compiled
    inside Pyodide (scripts/node/precompile_wheel.mjs): the browser's Python
    imports the checker without compiling it."""
    def produce(partial: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / name
            source.write_bytes(content)
            run_node(PRECOMPILE_WHEEL_SCRIPT, str(source), str(partial), purpose="precompile the checker for the browser",
                     output=partial)

    key = digest(content, PRECOMPILE_WHEEL_SCRIPT.read_bytes(), npm_version(package).encode())
    return cached("checker", ".whl", key, produce)
