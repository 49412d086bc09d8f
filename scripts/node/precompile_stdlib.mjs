// Precompile Pyodide's standard library to bytecode, inside Pyodide itself
// (so the bytecode's magic number matches the browser's interpreter).
//
//   node scripts/node/precompile_stdlib.mjs OUT.zip
//
// The stock python_stdlib.zip holds only sources, so every page load spends
// most of its boot compiling ~190 modules.  The zip written here holds
// unchecked-hash .pyc files instead (zipimport prefers them), which the
// checker's worker passes to loadPyodide as `stdLibURL`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/node/precompile_stdlib.mjs OUT.zip");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "..", "node_modules", "pyodide") + path.sep;
const { loadPyodide } = await import(path.join(indexURL, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL });
const summary = pyodide.runPython(`
import importlib._bootstrap_external as external
import importlib.util
import sys
import zipfile

# As python -OO compiles: no docstrings and no asserts, about a sixth less
# bytecode to download and unmarshal (the standard library is written to
# run so; the parity test runs every worked example on it).
OPTIMIZE = 2
stock = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
compiled = kept = 0
with zipfile.ZipFile(stock) as source, zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_DEFLATED) as target:
    for info in source.infolist():
        data = source.read(info)
        if info.filename.endswith(".py"):
            try:
                code = compile(data, f"{stock}/{info.filename}", "exec", dont_inherit=True, optimize=OPTIMIZE)
            except SyntaxError:
                target.writestr(info, data)  # not importable anyway: keep the source as it was
                kept += 1
                continue
            pyc = external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            entry = zipfile.ZipInfo(info.filename + "c", date_time=(2020, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, pyc)
            compiled += 1
        else:
            target.writestr(info, data)
f"{compiled} modules compiled, {kept} kept as source"
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/stdlib.zip"));
console.log(`precompile_stdlib: ${summary} -> ${out}`);
