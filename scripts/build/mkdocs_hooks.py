"""The MkDocs hook file named in mkdocs.yml: it only delegates each event to
one :class:`scripts.build.plugin.ThresholdPlugin`, whose state lives on the
instance (a hook file cannot register a plugin class itself)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, outside any package
    sys.path.insert(0, str(ROOT))

from scripts.build.plugin import ThresholdPlugin  # noqa: E402

_plugin = ThresholdPlugin()

on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_files = _plugin.on_files
on_page_markdown = _plugin.on_page_markdown
on_page_content = _plugin.on_page_content
on_serve = _plugin.on_serve
on_post_page = _plugin.on_post_page
on_post_template = _plugin.on_post_template
on_post_build = _plugin.on_post_build
