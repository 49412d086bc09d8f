"""MkDocs hooks: thin glue between the build and the plain functions in
``scripts/`` (so another builder could call the same functions).

* compile ``rules/`` (a bad rules file stops the build with every problem as
  ``path:line:col: message``; nothing is written);
* publish the Pyodide runtime and the checker wheel under versioned URLs;
* fill the Guidance navigation, add the provenance box to guidance pages and
  the questionnaire to the checker page and a small checker to each
  definition page that is a test;
* give every page a Content-Security-Policy listing its inline scripts' hashes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import (compare_page, compile_rules, examples_page, questionnaire, reference_pages, register,
                     site_assets, site_pages)  # noqa: E402
from scripts import csp  # noqa: E402

CHECKER_PAGE = "check/index.md"
QUESTIONNAIRE_MARKER = "<!-- questionnaire -->"
MINI_CHECKER_MARKER = "<!-- mini-checker -->"

_build: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    try:
        bundle, docs_data = compile_rules.compile_all()
    except compile_rules.RulesError as error:
        lines = "\n".join(str(problem) for problem in error.problems)
        raise Abort(f"the rules do not compile ({len(error.problems)} problem(s)); nothing was built:\n{lines}")
    try:
        compile_rules.write_bundle(bundle, compile_rules.DEFAULT_OUT)
        wheel = site_assets.checker_wheel()
        pyodide_folder, pyodide_files = site_assets.pyodide_assets()
        mermaid = site_assets.mermaid_asset()
        mermaid_loader = site_assets.mermaid_loader(mermaid)
        stdlib = site_assets.precompiled_stdlib(pyodide_folder)
    except site_assets.AssetError as error:
        raise Abort(str(error))
    sources = site_pages.load_sources()
    config.nav = site_pages.with_section(config.nav, "Guidance", site_pages.guidance_nav(sources, Path(config.docs_dir)))
    if docs_data["definitions"]:
        config.nav = site_pages.with_section(config.nav, "Definitions",
                                             site_pages.definitions_nav(docs_data["definitions"]))
    # Only the loader is on every page; it fetches Mermaid for pages with a diagram.
    config.extra_javascript.append(mermaid_loader.uri)
    _build.update(bundle=bundle, docs_data=docs_data, assets=[wheel, mermaid, mermaid_loader, stdlib, *pyodide_files],
                  wheel=wheel.uri, stdlib=stdlib.uri,
                  pyodide=pyodide_folder, sources=sources)
    return config


def on_files(files: Files, config: Any) -> Files:
    cases = examples_page.load_cases()
    pages = {"compare/index.md": compare_page.render_compare(_build["bundle"], _build["docs_data"]["matrix_questions"]),
             "examples/index.md": examples_page.render_examples(_build["bundle"], cases),
             "register/index.md": register.render_register(_build["bundle"], cases),
             "disagreements/index.md": register.render_disagreements(_build["docs_data"]["disagreements"],
                                                                     _build["bundle"])}
    if _build["docs_data"]["definitions"]:
        pages.update(reference_pages.definition_pages(_build["docs_data"]))
    if _build["docs_data"]["glossary"]:
        pages["glossary.md"] = reference_pages.glossary_page(_build["docs_data"])
    for path, markdown in pages.items():
        files.append(File.generated(config, path, content=markdown))
    for asset in _build["assets"]:
        if asset.source is not None:
            files.append(File.generated(config, asset.uri, abs_src_path=str(asset.source)))
        else:
            files.append(File.generated(config, asset.uri, content=asset.content))
    return files


SOURCES_MARKER = "<!-- sources -->"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if SOURCES_MARKER in markdown:
        markdown = markdown.replace(SOURCES_MARKER, site_pages.sources_table(_build["sources"]))
    if _build["docs_data"]["glossary"]:
        markdown += reference_pages.abbreviation_lines(_build["docs_data"])
    return markdown


def _runtime(page: Any) -> dict[str, str]:
    """Page-relative URLs of what the checker's worker loads."""
    return {"pyodide": get_relative_url(_build["pyodide"], page.url),
            "wheel": get_relative_url(_build["wheel"], page.url),
            "stdlib": get_relative_url(_build["stdlib"], page.url),
            "site_root": get_relative_url(".", page.url)}


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    tests = {f"definitions/{t['id']}.md": t["id"] for t in _build["bundle"]["definition_tests"]}
    if page.file.src_uri in tests:
        if MINI_CHECKER_MARKER not in html:
            raise Abort(f"{page.file.src_uri} lacks the {MINI_CHECKER_MARKER} marker")
        html = html.replace(MINI_CHECKER_MARKER, questionnaire.render_mini_checker(
            _build["bundle"], tests[page.file.src_uri], _runtime(page)))
    if page.file.src_uri == CHECKER_PAGE:
        runtime = _runtime(page)
        terms = {d["id"]: d["term"] for d in _build["docs_data"]["definitions"]}
        form = questionnaire.render_questionnaire(_build["bundle"], runtime, terms=terms,
                                                  definitions_base=get_relative_url(".", page.url) + "/")
        if QUESTIONNAIRE_MARKER not in html:
            raise Abort(f"docs/{CHECKER_PAGE} lacks the {QUESTIONNAIRE_MARKER} marker")
        html = html.replace(QUESTIONNAIRE_MARKER, form)
    source_id = page.meta.get("source")
    if source_id:
        if source_id not in _build["sources"]:
            raise Abort(f"docs/{page.file.src_uri}: unknown source '{source_id}' in its front matter")
        contents = get_relative_url(f"guidance/{source_id}/", page.url)
        box = site_pages.provenance_box(_build["sources"][source_id], contents)
        html = site_pages.insert_after_title(html, box)
        if page.file.src_uri == f"guidance/{source_id}/index.md":
            pages = site_pages.document_pages(source_id, _build["sources"][source_id], Path(config.docs_dir))
            html += site_pages.pages_list(pages, base="")
    return html


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for folder in ("rules", "checker", "scripts/templates", "seeds"):
        server.watch(str(ROOT / folder))
    _allow_live_reload(server)
    return server


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Each page's Content-Security-Policy lists the hashes of its own inline scripts."""
    try:
        return csp.add_csp(output)
    except csp.CSPError as error:
        raise Abort(f"docs/{page.file.src_uri}: {error}")


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for the theme's static pages (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    try:
        return csp.add_csp(output_content)
    except csp.CSPError as error:
        raise Abort(f"{template_name}: {error}")


def _allow_live_reload(server: Any) -> None:
    """`mkdocs serve` appends an inline live-reload script to each page as it
    serves it: hash that one too, or the page's policy blocks it."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:  # a future MkDocs: live reload may stop, the site still works
        return

    def inject_and_hash(content: bytes, epoch: int) -> bytes:
        html = inject(content, epoch).decode("utf-8")
        return csp.add_csp(html).encode("utf-8") if csp.META_RE.search(html) else html.encode("utf-8")

    server._inject_js_into_html = inject_and_hash
