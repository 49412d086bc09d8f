"""The site build as a MkDocs plugin, its state on the instance (as
Material's own plugins keep theirs).  MkDocs loads it through
``scripts/build/mkdocs_hooks.py``, which only delegates, so the plain
functions here and in the rest of ``scripts/build/`` could serve another
builder too.

* compile ``rules/`` once (a bad rules file stops the build with every
  problem as ``path:line:col: message``; nothing is written), and make the
  generated pages from the same compiled rules;
* publish the Pyodide runtime, its trimmed standard library, the checker's
  memory snapshot and wheel under content-hashed URLs;
* fill the Guidance navigation, add the provenance box to guidance pages and
  the questionnaire to the checker page and a small checker to each
  definition page that is a test;
* give every page a Content-Security-Policy listing its inline scripts' hashes;
* replace Material's search worker and index with ours (``search_index``);
* last, write the service worker that precaches the finished site.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import (checker_start, compare_page, compile_rules, csp, examples_page, json_schema, questionnaire, reference_pages,
               register, search_index, service_worker, site_assets, site_pages, snapshot, stdlib_modules)

ROOT = Path(__file__).resolve().parents[2]


CHECKER_PAGE = "check/index.md"
QUESTIONNAIRE_MARKER = "<!-- questionnaire -->"
MINI_CHECKER_MARKER = "<!-- mini-checker -->"
SOURCES_MARKER = "<!-- sources -->"
# The checker's worker, started early by templates/checker-start.js (docs/ publishes it as it is).
WORKER = "assets/javascripts/checker-worker.js"


class ThresholdConfig(base.Config):
    """The plugin takes no options: everything comes from rules/ and docs/."""


class ThresholdPlugin(BasePlugin[ThresholdConfig]):
    """Compiles the rules once per build and generates the site's pages and
    assets from them."""

    def __init__(self) -> None:
        self.bundle: dict[str, Any] = {}
        self.docs_data: dict[str, Any] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.assets: list[site_assets.Asset] = []
        self.urls: dict[str, str] = {}  # site-relative URLs of what the checker's worker loads
        self.search_worker = ""
        self.first_headings: dict[str, str] = {}  # "page/#id" of each page's h1 -> "page/", for search
        self.serving = False  # `mkdocs serve`: no offline cache over live reload

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        try:
            self.bundle, self.docs_data = compile_rules.compile_all()
        except compile_rules.RulesError as error:
            lines = "\n".join(str(problem) for problem in error.problems)
            raise Abort(f"the rules do not compile ({len(error.problems)} problem(s)); nothing was built:\n{lines}")
        try:
            compile_rules.write_bundle(self.bundle, compile_rules.DEFAULT_OUT)
            wheel = site_assets.checker_wheel()
            pyodide_folder, pyodide_files = site_assets.pyodide_assets()
            mermaid = site_assets.mermaid_asset()
            mermaid_loader = site_assets.mermaid_loader(mermaid)
            stdlib = stdlib_modules.trimmed_stdlib(pyodide_folder)
            memory = snapshot.memory_snapshot(pyodide_folder, wheel, stdlib.source)
            search_worker = search_index.worker_asset()
        except site_assets.AssetError as error:
            raise Abort(str(error))
        self.sources = self.docs_data["sources"]
        config.nav = site_pages.with_section(config.nav, "Guidance",
                                             site_pages.guidance_nav(self.sources, Path(config.docs_dir)))
        if self.docs_data["definitions"]:
            config.nav = site_pages.with_section(config.nav, "Definitions",
                                                 site_pages.definitions_nav(self.docs_data["definitions"]))
        # Only the loader is on every page; it fetches Mermaid for pages with a diagram.
        config.extra_javascript.append(mermaid_loader.uri)
        schemas = [site_assets.Asset(path, content=data) for path, data in json_schema.published().items()]
        self.assets = [wheel, mermaid, mermaid_loader, stdlib, memory, search_worker, *pyodide_files, *schemas]
        self.search_worker = search_worker.uri
        self.urls = {"pyodide": pyodide_folder, "wheel": wheel.uri, "stdlib": stdlib.uri, "snapshot": memory.uri,
                     "worker": WORKER}
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        cases, data = self.docs_data["examples"], self.docs_data
        pages = {"compare/index.md": compare_page.render_compare(self.bundle, data["matrix_questions"]),
                 "examples/index.md": examples_page.render_examples(self.bundle, cases),
                 "register/index.md": register.render_register(self.bundle, cases),
                 "disagreements/index.md": register.render_disagreements(data["disagreements"], self.bundle)}
        if data["definitions"]:
            pages.update(reference_pages.definition_pages(data))
        if data["glossary"]:
            pages["glossary.md"] = reference_pages.glossary_page(data)
        for path, markdown in pages.items():
            files.append(File.generated(config, path, content=markdown))
        for asset in self.assets:
            if asset.source is not None:
                files.append(File.generated(config, asset.uri, abs_src_path=str(asset.source)))
            else:
                files.append(File.generated(config, asset.uri, content=asset.content))
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if SOURCES_MARKER in markdown:
            base = "" if page.file.src_uri.startswith("guidance/") else "guidance/"
            markdown = markdown.replace(SOURCES_MARKER, site_pages.sources_table(self.sources, base))
        if self.docs_data["glossary"]:
            markdown += reference_pages.abbreviation_lines(self.docs_data)
        return markdown

    def _runtime(self, page: Any) -> dict[str, str]:
        """Page-relative URLs of what the checker's worker loads."""
        urls = {name: get_relative_url(url, page.url) for name, url in self.urls.items()}
        return dict(urls, site_root=get_relative_url(".", page.url))

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        if page.toc.items and page.toc.items[0].level == 1:
            self.first_headings[page.url + page.toc.items[0].url] = page.url
        tests = {f"definitions/{t['id']}.md": t["id"] for t in self.bundle["definition_tests"]}
        if page.file.src_uri in tests:
            if MINI_CHECKER_MARKER not in html:
                raise Abort(f"{page.file.src_uri} lacks the {MINI_CHECKER_MARKER} marker")
            html = html.replace(MINI_CHECKER_MARKER, questionnaire.render_mini_checker(
                self.bundle, tests[page.file.src_uri], self._runtime(page)))
        if page.file.src_uri == CHECKER_PAGE:
            terms = {d["id"]: d["term"] for d in self.docs_data["definitions"]}
            form = questionnaire.render_questionnaire(self.bundle, self._runtime(page), terms=terms,
                                                      definitions_base=get_relative_url(".", page.url) + "/",
                                                      sections=self.docs_data["sections"])
            if QUESTIONNAIRE_MARKER not in html:
                raise Abort(f"docs/{CHECKER_PAGE} lacks the {QUESTIONNAIRE_MARKER} marker")
            html = html.replace(QUESTIONNAIRE_MARKER, form)
        source_id = page.meta.get("source")
        if source_id:
            if source_id not in self.sources:
                raise Abort(f"docs/{page.file.src_uri}: unknown source '{source_id}' in its front matter")
            contents = get_relative_url(f"guidance/{source_id}/", page.url)
            html = site_pages.insert_after_title(html, site_pages.provenance_box(self.sources[source_id], contents))
            if page.file.src_uri == f"guidance/{source_id}/index.md":
                pages = site_pages.document_pages(source_id, self.sources[source_id], Path(config.docs_dir))
                html += site_pages.pages_list(pages, base="")
        return html

    def on_post_build(self, config: Any) -> None:
        """Rewrite the search index Material's plugin has just written, and
        drop its worker and lunr languages, which the site no longer loads.
        Last, the service worker, which lists every built file with its hash."""
        site = Path(config.site_dir)
        try:
            search_index.rewrite_index(site, self.docs_data["vocabulary"], self.bundle["questions"],
                                       self.first_headings)
        except search_index.SearchIndexError as error:
            raise Abort(f"rules/vocabulary.yaml: {error}")
        for unused in (site / "assets" / "javascripts" / "workers", site / "assets" / "javascripts" / "lunr"):
            if unused.is_dir():
                shutil.rmtree(unused)
        service_worker.write_service_worker(site, retiring=self.serving)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in ("rules", "checker", "scripts/build/templates", "seeds"):
            server.watch(str(ROOT / folder))
        _allow_live_reload(server)
        return server

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """Each page's Content-Security-Policy lists the hashes of its own inline
        scripts; Material's configuration names our search worker."""
        output = search_index.use_our_worker(output, self.search_worker)
        try:
            output = checker_start.add_checker_start(output, self._runtime(page))
            return csp.add_csp(output)
        except (checker_start.CheckerStartError, csp.CSPError) as error:
            raise Abort(f"docs/{page.file.src_uri}: {error}")

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """The same for the theme's static pages (404.html)."""
        if not template_name.endswith(".html"):
            return output_content
        output_content = search_index.use_our_worker(output_content, self.search_worker)
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
