"""The site build (mkdocs + scripts/mkdocs_hooks.py) as a whole."""

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
