"""The answers in a URL fragment (SPEC section 5), a public contract:
``#question_id=value&...``, URL-encoded; yes/no questions take ``yes`` and
``no``, a multi-choice its option ids comma-separated.  Worked examples and
trainers' links are written with it; the page reads them with its own
JavaScript (docs/assets/javascripts/checker/fragment.js), and a test runs
both on every worked example."""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote


def _text(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return ",".join(value) if isinstance(value, list) else str(value)


def encode(answers: Mapping[str, Any]) -> str:
    """``#question_id=value&...`` for answers as the checker's JSON takes them."""
    return "#" + "&".join(f"{quote(key)}={quote(_text(value), safe='')}" for key, value in answers.items())
