"""Debian's Chromium as the tests and the benchmark launch it.

Playwright cannot download its own browser here, so both point it at
``/usr/bin/chromium`` with flags that keep it from reaching Google's hosts
(a stray request would spoil the privacy test's count).
"""

from __future__ import annotations

from pathlib import Path

PATH = Path("/usr/bin/chromium")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# A cold Pyodide boot on a busy 2-core machine can take well over a minute;
# past this we call it hung rather than slow.
BOOT_TIMEOUT_MS = 180_000
