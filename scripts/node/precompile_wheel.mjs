// Add bytecode to the checker's wheel, compiled inside Pyodide (so the magic
// number matches the browser's interpreter).
//
//   node scripts/node/precompile_wheel.mjs IN.whl OUT.whl
//
// The worker puts the wheel on sys.path as it is, and zipimport prefers a
// module's .pyc to its .py: the first visit's Python then runs the checker's
// code without compiling it (about a third of a second in a browser).  Each
// module's source stays beside its .pyc, and RECORD lists the new files, so
// the wheel is still a valid wheel; CPython ignores a .pyc next to its
// source.  Unchecked hash-based .pyc files, as in the precompiled standard
// library (precompile_stdlib.mjs): never compared with the source at import.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [input, out] = process.argv.slice(2);
if (!input || !out) {
  console.error("usage: node scripts/node/precompile_wheel.mjs IN.whl OUT.whl");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "..", "node_modules", "pyodide") + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL });
pyodide.FS.writeFile("/tmp/in.whl", readFileSync(input));
const summary = pyodide.runPython(`
import base64
import hashlib
import importlib._bootstrap_external as external
import importlib.util
import zipfile


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


compiled = []
with zipfile.ZipFile("/tmp/in.whl") as source, zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED) as target:
    record = next(info for info in source.infolist() if info.filename.endswith(".dist-info/RECORD"))
    for info in source.infolist():
        if info is record:
            continue
        data = source.read(info)
        target.writestr(info, data)
        if info.filename.endswith(".py"):
            code = compile(data, info.filename, "exec", dont_inherit=True)
            pyc = external._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            entry = zipfile.ZipInfo(info.filename + "c", date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, pyc)
            compiled.append(record_line(entry.filename, pyc))
    lines = source.read(record).decode("utf-8").splitlines()
    # RECORD lists itself last, without a hash
    target.writestr(record, "\\n".join(lines[:-1] + compiled + lines[-1:]) + "\\n")
f"{len(compiled)} modules compiled"
`);
writeFileSync(out + ".partial", pyodide.FS.readFile("/tmp/out.whl"));
renameSync(out + ".partial", out);
console.log(`precompile_wheel: ${summary} -> ${out}`);
