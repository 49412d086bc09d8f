"""The site build (mkdocs + scripts/build/, through scripts/build/mkdocs_hooks.py) as a whole."""

# A bad rules file stopping the build: tests/test_build_mutations.py.


def test_the_built_site_carries_the_runtime_and_the_checker(built_site):
    assert list(built_site.glob("assets/pyodide/*/pyodide.asm.wasm"))
    wheels = list(built_site.glob("assets/checker/*/threshold_checker-*-py3-none-any.whl"))
    assert len(wheels) == 1
    import zipfile
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "checker/rules_bundle.json" in names and "checker/_engine.py" in names
    check = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    assert 'data-state="loading"' in check and 'data-question="yot_involvement"' in check


def test_the_standard_library_is_shipped_precompiled(built_site):
    import zipfile

    check = (built_site / "check" / "index.html").read_text(encoding="utf-8")
    stdlibs = list(built_site.glob("assets/pyodide/*/python_stdlib.*.zip"))
    assert len(stdlibs) == 1
    assert stdlibs[0].name in check  # the worker is told to use it
    names = zipfile.ZipFile(stdlibs[0]).namelist()
    assert "json/decoder.pyc" in names and "json/decoder.py" not in names


def test_the_rules_register_lists_every_rule_with_its_sentence_and_an_example(built_site, rules):
    import html
    import re

    page = (built_site / "register" / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="', page)[1:]
    for framework in rules.frameworks:
        section = next(s for s in sections if s.startswith(framework.id + '"'))
        rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
        for item in framework.criteria + framework.obligations:
            row = next((r for r in rows if f"<code>{item.id}</code>" in r), None)
            assert row is not None, f"{framework.id}: {item.id} is not in the register"
            assert "examples/#" in row, f"{item.id}: no worked example linked"
            first_words = " ".join(item.cite["quote"].split()[:6])
            assert first_words in html.unescape(re.sub(r"<[^>]+>", "", row)), f"{item.id}: its sentence is missing"


def test_the_register_and_the_disagreements_page_are_linked_from_compare_and_about(built_site):
    for page in ("compare/index.html", "about/index.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        assert 'href="../register/"' in text and 'href="../disagreements/"' in text, page
