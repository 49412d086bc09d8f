"""The service worker's manifest and script (scripts/build/service_worker.py):
what it precaches, how its cache is named, and the sw.js the build writes.
The worker in a browser: tests/test_offline.py and tests/test_privacy.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.build import service_worker
from scripts.build.service_worker import cache_name, manifest


def small_site(root: Path) -> Path:
    files = {"index.html": "home", "404.html": "not found", "check/index.html": "checker",
             "assets/app.js": "let a = 1;", "assets/app.js.map": "{}", "schemas/rules.schema.json": "{}",
             "sitemap.xml": "<urlset/>", "sitemap.xml.gz": "gz", "search/search_index.json": "{}",
             "assets/pyodide/1.0/python_stdlib.abc.zip": "ours"}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_the_manifest_lists_what_pages_load_and_leaves_out_the_rest(tmp_path: Path):
    urls = [entry.url for entry in manifest(small_site(tmp_path))]
    assert urls == ["./", "404.html", "assets/app.js", "assets/pyodide/1.0/python_stdlib.abc.zip", "check/",
                    "search/search_index.json", "sitemap.xml"]


def test_each_file_is_listed_with_its_subresource_integrity_hash(tmp_path: Path):
    entries = {entry.url: entry.integrity for entry in manifest(small_site(tmp_path))}
    # printf 'let a = 1;' | openssl dgst -sha256 -binary | base64
    assert entries["assets/app.js"] == service_worker.integrity(b"let a = 1;")
    assert re.fullmatch(r"sha256-[A-Za-z0-9+/]{43}=", entries["assets/app.js"])


def test_only_a_file_published_gzipped_under_another_name_is_kept_decompressed(tmp_path: Path):
    import gzip

    site = small_site(tmp_path)
    (site / "assets/pyodide/1.0/snapshot.abc.bin").write_bytes(gzip.compress(b"memory"))
    (site / "assets/pyodide/1.0/plain.bin").write_bytes(b"\x1f")  # one byte of the magic is not gzip
    flagged = [entry.url for entry in manifest(site) if entry.gzipped]
    assert flagged == ["assets/pyodide/1.0/snapshot.abc.bin"]  # not sitemap.xml.gz (left out), not plain.bin
    assert '"assets/pyodide/1.0/snapshot.abc.bin", "sha256-' in service_worker.render(manifest(site))
    assert re.search(r'"assets/pyodide/1\.0/snapshot\.abc\.bin", "sha256-[^"]+", true\]',
                     service_worker.render(manifest(site)))


def test_the_cache_name_changes_when_a_listed_file_changes_and_only_then(tmp_path: Path):
    site = small_site(tmp_path)
    before = cache_name(manifest(site))
    (site / "assets" / "app.js.map").write_text('{"changed": 1}', encoding="utf-8")  # not listed
    assert cache_name(manifest(site)) == before
    (site / "check" / "index.html").write_text("checker, build 2", encoding="utf-8")
    after = cache_name(manifest(site))
    assert after != before and after.startswith(service_worker.CACHE_PREFIX)
    (site / "new.html").write_text("added", encoding="utf-8")
    assert cache_name(manifest(site)) not in (before, after)


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="not a built site"):
        manifest(tmp_path)


def test_the_built_site_manifest_excludes_maps_schemas_and_itself_and_every_file_exists(built_site: Path):
    entries = manifest(built_site)
    urls = [entry.url for entry in entries]
    assert not [url for url in urls if url.endswith(".map") or url.startswith("schemas/") or url.endswith(".gz")]
    assert service_worker.SERVICE_WORKER not in urls
    for url in urls:
        path = built_site / ("index.html" if url == "./" else url + "index.html" if url.endswith("/") else url)
        assert path.is_file(), url
    for needed in ("./", "404.html", "check/", "search/search_index.json", "sitemap.xml"):
        assert needed in urls
    assert any(url.endswith("pyodide.asm.wasm") for url in urls)
    assert any(url.endswith(".whl") for url in urls)


def test_the_build_writes_sw_js_with_the_manifest_and_its_cache_name(built_site: Path):
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    entries = manifest(built_site)
    assert f'const CACHE = "{cache_name(entries)}";' in text
    assert text.count('", "sha256-') == len(entries)
    assert not list(built_site.glob(".sw-*")), "a temporary file was left in the site"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js checks the generated script's syntax")
@pytest.mark.parametrize("retiring", [False, True])
def test_the_generated_service_worker_is_valid_javascript(tmp_path: Path, retiring: bool):
    written = service_worker.write_service_worker(small_site(tmp_path), retiring=retiring)
    result = subprocess.run(["node", "--check", str(written)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_page_urls_are_those_the_browser_asks_for():
    assert service_worker.page_url("index.html") == "./"
    assert service_worker.page_url("check/index.html") == "check/"
    assert service_worker.page_url("404.html") == "404.html"
