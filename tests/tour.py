"""One visit to every page of the built site, shared by the tests that need
one: privacy (requests to other origins), integrity (console and page
errors) and accessibility (axe).

Opening 80-odd pages, each with Material's search index built afresh and
four with Python booted, is most of the browser suite's time; doing it once
and recording everything a test asks about keeps CI's run within its limit.
Each test still asserts on its own record, so each can fail on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Error as PlaywrightError, Page, expect

from scripts.chromium import BOOT_TIMEOUT_MS

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A worked example: a child on the caseload died; the checker shows three frameworks' results.
DIED_ON_CASELOAD = ("#aware_at=2026-11-22T16%3A00&incident_in_custody=no"
                    "&yot_involvement=statutory_supervision&what_happened=died")



def patient(context: BrowserContext) -> BrowserContext:
    """Generous limits: on a busy 2-core machine a page load alone can take
    half a minute.  Tests wait for states, never for fixed times."""
    context.set_default_timeout(60_000)
    context.set_default_navigation_timeout(120_000)
    return context


_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || ""})),
  }));
}"""


def built_pages(site: Path) -> list[str]:
    """Every HTML file of the built site, as a URL path (``guidance/``, ``404.html``)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in pages]


def axe_source() -> str:
    """axe-core from the npm package pinned in package-lock.json."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` (scripts/test does)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page, source: str, where: str) -> list[dict]:
    """Run axe (WCAG 2.0/2.1/2.2 A and AA, no rule switched off) on the page
    as it is now; each violation is tagged with `where`.  Injected with
    ``evaluate``, which the site's Content-Security-Policy allows."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    return [dict(violation, page=where) for violation in page.evaluate(_RUN_AXE, AXE_TAGS)]


@dataclass
class Visit:
    """What one page did while it was opened, as far as the tests ask."""

    path: str
    requests: list[str] = field(default_factory=list)  # the page's and its workers'
    errors: list[str] = field(default_factory=list)  # console errors, page errors, a checker that never booted
    warnings: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    checker: bool = False
    seconds: dict[str, float] = field(default_factory=dict)  # load, axe, settle: where a slow tour's time goes


def tour(browser: Browser, site: Path, site_url: str) -> list[Visit]:
    """Open every built page in one browser context (reduced motion, so axe
    never reads a colour mid-fade) and record what each did.  The checker
    page opens with a worked example; on any page with a checker, the visit
    lasts until Python has booted and answered, as the errors and requests
    that matter come then.  Axe runs once the page has loaded."""
    source = axe_source()
    context = patient(browser.new_context(reduced_motion="reduce"))
    visits: list[Visit] = []
    current = [Visit("")]

    def on_console(message) -> None:
        line = f"/{current[0].path}: console.{message.type}: {message.text} ({message.location.get('url', '')})"
        if message.type == "error":
            current[0].errors.append(line)
        elif message.type == "warning":
            current[0].warnings.append(line)

    context.on("request", lambda request: current[0].requests.append(request.url))
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: current[0].errors.append(f"/{current[0].path}: page error: {error}"))
    try:
        for path in built_pages(site):
            visit = current[0] = Visit(path)
            started = time.monotonic()
            page.goto(site_url + path + (DIED_ON_CASELOAD if path == "check/" else ""), wait_until="load")
            loaded = time.monotonic()
            visit.violations = axe_violations(page, source, "/" + path)
            checked = time.monotonic()
            checkers = page.locator("[data-checker]")
            visit.checker = checkers.count() > 0
            try:
                if visit.checker:
                    expect(checkers.first).to_have_attribute("data-state", "ready", timeout=BOOT_TIMEOUT_MS)
                if path == "check/":
                    expect(page.locator("[data-framework]").first).to_be_visible()
                page.wait_for_load_state("networkidle", timeout=BOOT_TIMEOUT_MS)
            except (AssertionError, PlaywrightError) as problem:  # one slow page must not hide the others' records
                visit.errors.append(f"/{path}: never settled: {' '.join(str(problem).split())[:300]}")
            visit.seconds = {"load": loaded - started, "axe": checked - loaded, "settle": time.monotonic() - checked}
            visits.append(visit)
    finally:
        context.close()
    return visits


def timings(visits: list[Visit]) -> str:
    """Where the tour's time went, and its slowest pages."""
    totals = {key: sum(visit.seconds.get(key, 0.0) for visit in visits) for key in ("load", "axe", "settle")}
    slowest = sorted(visits, key=lambda visit: -sum(visit.seconds.values()))[:5]
    return (f"tour of {len(visits)} pages: " + ", ".join(f"{key} {value:.0f} s" for key, value in totals.items())
            + "; slowest: " + ", ".join(f"/{visit.path} {sum(visit.seconds.values()):.0f} s" for visit in slowest))
