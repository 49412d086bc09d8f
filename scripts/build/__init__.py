"""The site build: the rules compiler and the MkDocs plugin, with the plain
functions that make each generated page and asset.

Rules (``python -m scripts.build.compile_rules``):
  rules_yaml      read YAML keeping each value's line and column
  rules_schema    the shape of every rules file (and its JSON Schema for editors)
  rules_files     load every rules file once, checked against its shape
  rules_refs      what all checks share: references, citations, duplicate ids
  rules_check     check each kind of file against the others
  rules_compile   assemble the checker's bundle; run the worked examples
  compile_rules   the command: write the bundle, or print every problem

Site (``scripts/build/mkdocs_hooks.py`` delegates to ``plugin.ThresholdPlugin``):
  compare_page, examples_page, register, reference_pages, site_pages,
  questionnaire (and templates/), links, site_assets, csp, fidelity,
  published_anchors
"""
