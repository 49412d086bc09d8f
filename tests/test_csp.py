"""Content-Security-Policy: the pure functions of scripts/build/csp.py, the policy
of every built page, and the site under the policy in headless Chromium
(as a meta tag, and as the header the About page tells hosts to send)."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from scripts.build import csp
from scripts.chromium import BOOT_TIMEOUT_MS as BOOT_TIMEOUT
from tests.conftest import _QuietHandler
from tests.tour import DIED_ON_CASELOAD

ROOT = Path(__file__).resolve().parent.parent
BASE = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-src 'none'")
META = f'<meta http-equiv="Content-Security-Policy" content="{BASE}">'


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page_html(*scripts: str, meta: str = META) -> str:
    return f"<!doctype html><html><head><meta charset=utf-8>{meta}</head><body>{''.join(scripts)}</body></html>"


def script_src(html: str) -> list[str]:
    return csp.parse_policy(csp.page_policy(html))["script-src"]


# ---- the pure functions ----

def test_the_hash_of_each_inline_script_is_added_to_script_src():
    html = csp.add_csp(page_html("<script>var a=1</script>", '<script>alert("é")</script>'))
    assert script_src(html) == ["'self'", "'wasm-unsafe-eval'", sha("var a=1"), sha('alert("é")')]


def test_a_known_hash_is_computed_as_the_browser_does():
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # the HTML parser turns CR LF into LF before the script runs
    assert csp.script_hash("a\r\nb") == csp.script_hash("a\nb")


def test_external_scripts_and_data_blocks_are_not_hashed():
    html = csp.add_csp(page_html('<script src="x.js"></script>',
                                 '<script id="__config" type="application/json">{"a": 1}</script>',
                                 '<script type="module">import "./m.js"</script>'))
    assert script_src(html) == ["'self'", "'wasm-unsafe-eval'", sha('import "./m.js"')]


def test_the_rest_of_the_policy_and_page_are_unchanged():
    before = page_html("<script>x()</script>")
    after = csp.add_csp(before)
    policy = csp.parse_policy(csp.page_policy(after))
    assert {k: v for k, v in policy.items() if k != "script-src"} == {
        k: v for k, v in csp.parse_policy(BASE).items() if k != "script-src"}
    assert re.sub(r'content="[^"]*"', "", after) == re.sub(r'content="[^"]*"', "", before)


def test_adding_twice_changes_nothing_and_identical_scripts_share_a_hash():
    once = csp.add_csp(page_html("<script>x()</script>", "<script>x()</script>"))
    assert csp.add_csp(once) == once
    assert script_src(once).count(sha("x()")) == 1


def test_a_page_without_scripts_keeps_the_base_policy():
    assert csp.page_policy(csp.add_csp(page_html())) == BASE


@pytest.mark.parametrize("html, problem", [
    (page_html("<script>x()</script>", meta=""), "no <meta"),
    ("<head><script>early()</script>" + META + "</head>", "before the Content-Security-Policy"),
    (page_html(meta=META.replace("'wasm-unsafe-eval'", "'unsafe-inline'")), "unsafe-inline"),
    (page_html(meta=META.replace("'wasm-unsafe-eval'", "'unsafe-eval'")), "unsafe-eval"),
    (page_html(meta=META.replace("script-src", "script-src-elem")), "no script-src"),
], ids=["no-meta", "script-before-meta", "unsafe-inline", "unsafe-eval", "no-script-src"])
def test_a_page_that_cannot_be_covered_is_refused(html: str, problem: str):
    with pytest.raises(csp.CSPError, match=re.escape(problem)):
        csp.add_csp(html)


def test_the_header_policy_is_the_union_of_the_pages(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(csp.add_csp(page_html("<script>one()</script>")))
    (tmp_path / "a" / "index.html").write_text(csp.add_csp(page_html("<script>two()</script>", "<script>one()</script>")))
    header = csp.parse_policy(csp.header_policy(tmp_path))
    assert header["script-src"] == ["'self'", "'wasm-unsafe-eval'", sha("two()"), sha("one()")]
    assert header["frame-ancestors"] == ["'none'"]
    (tmp_path / "b.html").write_text(page_html(meta=META.replace("img-src 'self' data:", "img-src *")))
    with pytest.raises(csp.CSPError, match="differs"):
        csp.header_policy(tmp_path)


def test_the_dev_servers_live_reload_script_is_allowed(tmp_path: Path):
    """`mkdocs serve` appends an inline script to each page it serves: the
    hook hashes it into that page's policy, so live reload keeps working."""
    from mkdocs.livereload import LiveReloadServer

    from scripts.build import plugin

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    plugin._allow_live_reload(server)
    served = server._inject_js_into_html(csp.add_csp(page_html("<script>x()</script>")).encode(), 1).decode()
    scripts = csp.inline_scripts(served)
    assert len(scripts) == 2 and "livereload(" in scripts[1][1]
    assert script_src(served)[2:] == [sha("x()"), csp.script_hash(scripts[1][1])]


# ---- the built site ----

def test_every_built_page_has_a_policy_covering_exactly_its_inline_scripts(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 60, f"only {len(pages)} pages were built"
    problems = []
    hashed = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        name = str(path.relative_to(built_site))
        policy = csp.page_policy(html)
        if policy is None:
            problems.append(f"{name}: no Content-Security-Policy meta tag")
            continue
        directives = csp.parse_policy(policy)
        sources = directives.get("script-src", [])
        wanted = {csp.script_hash(text) for _, text in csp.inline_scripts(html)}
        listed = {s for s in sources if s.startswith("'sha256-")}
        hashed += len(wanted)
        if listed != wanted:
            problems.append(f"{name}: script-src lists {sorted(listed)}, the page's inline scripts are {sorted(wanted)}")
        if "'unsafe-inline'" in sources or "'unsafe-eval'" in sources or "default-src" not in directives:
            problems.append(f"{name}: weak policy {policy}")
        if re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html) or "javascript:" in html:
            problems.append(f"{name}: an inline event handler or javascript: URL (the policy blocks them)")
        head = html[: html.index("</head>")]
        if head.index("Content-Security-Policy") > head.find("<script"):
            problems.append(f"{name}: a script comes before the policy")
    print(f"\n{len(pages)} pages, {hashed} inline scripts hashed")
    assert hashed >= len(pages), "Material's inline scripts were not found: is the hashing looking at the pages?"
    assert problems == [], "\n".join(problems)


def test_the_about_page_gives_the_policy_the_build_uses(built_site: Path):
    """The header on the About page is what `python -m scripts.build.csp site/`
    prints, with the hashes shown as 'sha256-…'."""
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    header = csp.parse_policy(csp.header_policy(built_site))
    hashes = [s for s in header["script-src"] if s.startswith("'sha256-")]
    assert 2 <= len(hashes) <= 20, f"a site-wide header should need a handful of hashes, not {len(hashes)}"
    header["script-src"] = [s for s in header["script-src"] if s not in hashes] + ["'sha256-…'"]
    assert "Content-Security-Policy: " + csp.format_policy(header) in about


def violations_recorder(page: Page) -> list[str]:
    """CSP reports, from the page (securitypolicyviolation) and the console."""
    found: list[str] = []
    page.add_init_script("""document.addEventListener("securitypolicyviolation", (e) =>
        console.error("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI + " at " +
                      e.sourceFile + ":" + e.lineNumber));""")
    page.on("console", lambda message: found.append(message.text)
            if message.type in ("error", "warning") and ("Content Security Policy" in message.text
                                                         or "CSP" in message.text) else None)
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    return found


def exercise_the_site(page: Page, base: str) -> None:
    """The checker boots and evaluates, Mermaid draws, search answers, instant navigation works."""
    page.goto(base + "check/" + DIED_ON_CASELOAD)
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)
    expect(page.locator('[data-status][data-framework="yjb-csppi-2017"]')).to_have_attribute("data-status", "notify")
    page.goto(base + "compare/")
    diagrams = page.locator(".mermaid").count()  # <pre> until drawn, then <div>
    assert diagrams > 0, "the Compare page has no diagrams to draw"
    expect(page.locator("pre.mermaid")).to_have_count(0, timeout=30_000)
    expect(page.locator("div.mermaid")).to_have_count(diagrams)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("custody", delay=5)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Check an incident").first.click()  # instant navigation
    expect(page.locator("[data-checker]")).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_site_works_under_its_meta_policy(page: Page, site_url: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    found = violations_recorder(page)
    exercise_the_site(page, site_url)
    assert found == []


class _HeadersHandler(_QuietHandler):
    """A host that sends the headers the About page asks for."""
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()


@pytest.fixture(scope="module")
def strict_host(built_site: Path):
    handler = type("Handler", (_HeadersHandler,), {"policy": csp.header_policy(built_site)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_site_works_under_the_header_policy_too(context: BrowserContext, strict_host: str):
    """The header also governs the checker's worker (a meta tag does not):
    Pyodide must boot under it, with 'wasm-unsafe-eval' and no 'unsafe-eval'."""
    headers: list[str] = []
    context.on("response", lambda response: headers.append(response.headers.get("content-security-policy", "")))
    page = context.new_page()
    found = violations_recorder(page)
    exercise_the_site(page, strict_host)
    assert headers and all("'unsafe-eval'" not in h and "frame-ancestors 'none'" in h for h in headers)
    assert found == []
