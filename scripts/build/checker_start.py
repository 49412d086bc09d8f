"""The checker's early start: a small inline script at the top of ``<head>``
on each page with a checker (``templates/checker-start.js``).  On a first
visit it preloads the runtime's big files for the worker; once the service
worker serves the site, it starts the checker's worker as the page arrives
instead of once the page's modules have run (``checker/runtime.js`` adopts
it).  The script says why each visit gets what it gets.
"""

from __future__ import annotations

import re

from . import questionnaire

# overrides/main.html writes these two first in <head>: the policy must come
# before any script, and the early start right after it.
AFTER = '<meta name="referrer" content="no-referrer">'
# The root of a checker (questionnaire.html.j2, mini-checker.html.j2).
CHECKER = re.compile(r"<div\b[^>]*\sdata-checker[\s>]")


class CheckerStartError(ValueError):
    """A page has a checker but no place for its early start."""


def add_checker_start(html: str, runtime: dict[str, str]) -> str:
    """*html* with the early start after the policy, if the page has a checker.

    *runtime* gives the page-relative URLs of the worker and what it loads.
    """
    if not CHECKER.search(html):
        return html
    at = html.find(AFTER)
    if at < 0:
        raise CheckerStartError(f"the page has a checker but no {AFTER!r} to put its early start after")
    script = questionnaire.environment().get_template("checker-start.html.j2").render(runtime=runtime).strip()
    at += len(AFTER)
    return html[:at] + script + html[at:]
