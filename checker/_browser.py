"""The one way into the checker from JavaScript.

The site's worker (docs/assets/javascripts/checker-worker.js) and the Node
runner of the parity test (scripts/node/pyodide_run.mjs) both import this module
inside Pyodide and call :func:`handle` with the JSON text of a request; the
parity test calls the same function in CPython and compares the replies
byte for byte, so the worker's own path is the one that is tested.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ._bundle import Rules, load_rules
from ._describe import STATUS_ORDER, present, rules_words, status_summary
from ._engine import check_definition, evaluate
from ._summary import summary
from .errors import AnswerError, CheckerError

_rules: Rules | None = None


def _loaded() -> Rules:
    global _rules
    if _rules is None:  # read once: every answer the user changes asks again
        _rules = load_rules()
    return _rules


def reply(request: Any, rules: Rules) -> dict[str, Any]:
    """The reply to one decoded request, ``{"answers": {...}}`` with an
    optional ``"test": "<definition id>"`` for a definition's small checker:
    ``{"ok": true, "result": ..., "display": ...}`` or ``{"ok": false,
    "error": "<kind>", "problems": [...]}``."""
    document = dict(request) if isinstance(request, dict) else request
    test = document.pop("test", None) if isinstance(document, dict) else None
    try:
        if test:
            return {"ok": True, "result": check_definition(test, document, rules)}
        result = evaluate(document, rules)
        return {"ok": True, "result": result, "display": present(result, rules), "summary": status_summary(result),
                "verdict": summary(result, rules), "order": STATUS_ORDER, "rules": rules_words(rules)}
    except AnswerError as error:
        return {"ok": False, "error": type(error).__name__, "problems": error.problems}
    except CheckerError as error:
        return {"ok": False, "error": type(error).__name__, "problems": [str(error)]}


def handle(request_json: str, rules: Rules | None = None) -> str:
    """Answer the JSON text of one request with the JSON text of its reply."""
    try:
        request = json.loads(request_json)
    except ValueError as error:
        return json.dumps({"ok": False, "error": "AnswerError", "problems": [f"the request is not JSON: {error}"]})
    return json.dumps(reply(request, rules or _loaded()), ensure_ascii=False)


def runtime() -> str:
    """Where this code runs, as JSON: proof for the parity test that the
    results came from Pyodide and from the shipped wheel, which the worker
    puts on ``sys.path`` as it is (so ``checker`` is imported from inside it)."""
    pyodide = sys.modules.get("pyodide") or (__import__("pyodide") if sys.platform == "emscripten" else None)
    where = sys.modules[__package__].__file__ or ""
    return json.dumps({
        "platform": sys.platform,
        "python": sys.version,
        "pyodide": getattr(pyodide, "__version__", None),
        "checker": where,
        "wheel": next((part for part in where.split("/") if part.endswith(".whl")), None),
    })
