// Evaluate answer sets with the checker inside Pyodide, in Node, the way the
// site's worker does: boot the npm package's runtime, put the checker wheel
// on sys.path (docs/assets/javascripts/checker/wheel.mjs, which the worker
// uses too), then call checker._browser.handle (the worker's own entry
// point) for each request.  With --snapshot it takes the
// worker's other path instead: restore the build's memory snapshot (checker
// already imported, from the wheel, and rules already read).
//
//   node scripts/node/pyodide_run.mjs --wheel CHECKER.whl [--stdlib STDLIB.zip] [--snapshot SNAPSHOT] [--timeout SECONDS] < answers.json
//
// stdin: a JSON array of requests as the worker sends them,
// e.g. [{"answers": {"age": 9}}, {"answers": {...}, "test": "<definition id>"}, ...].
// stdout: one JSON document,
//   {"runtime": {"platform", "python", "pyodide", "checker", "wheel"},
//    "replies": ["<the JSON text handle() returned>", ...],
//    "modules": ["json", "json.decoder", ...], "unfound": ["_winapi", ...],
//    "timings_ms": {"boot", "wheel", "evaluate"}}
// Each reply is kept as the text json.dumps wrote inside Pyodide, so a
// comparison with CPython also covers key order and number formatting; the
// runtime block proves the replies came from Pyodide and from the wheel.
// "modules" are the standard library modules the boot, the wheel's install
// and the requests imported from the zip (scripts/build/stdlib_modules.py
// keeps the rest out of the site); "unfound" are the modules something tried
// to import and no finder had, so a module trimmed from the standard library
// shows even where the code that wanted it falls back quietly.
//
// Exit status: 0 on success, 1 with one readable message on stderr when
// Pyodide or the wheel cannot be loaded or the run exceeds the timeout, 2 on
// bad usage or input.  --stdlib takes the standard library the site ships
// (see scripts/build/site_assets.py); without it the stock one is used.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { unpack } from "../../docs/assets/javascripts/checker/snapshot.mjs";
import { installWheel } from "../../docs/assets/javascripts/checker/wheel.mjs";

const USAGE = "usage: node scripts/node/pyodide_run.mjs --wheel CHECKER.whl [--stdlib STDLIB.zip] [--snapshot SNAPSHOT] [--timeout SECONDS] < answers.json";
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "..", "node_modules", "pyodide") + path.sep;

// Installed after the boot: it answers no import, it only notes the names
// that every other finder declined.
const RECORDER = `
import sys

class _Unfound:
    names = set()

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        cls.names.add(name)
        return None

sys.meta_path.append(_Unfound)
`;

// Modules that came from the standard library zip, as sorted names.
const MODULES = `
import json, sys
json.dumps(sorted(name for name, module in list(sys.modules.items())
                  if str(getattr(getattr(module, "__spec__", None), "origin", None) or "").startswith(f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/")))
`;

function fail(message, status = 1) {
  process.stderr.write(`pyodide_run: ${message}\n`);
  process.exit(status);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        wheel: { type: "string" }, stdlib: { type: "string" }, snapshot: { type: "string" },
        timeout: { type: "string", default: "300" },
      },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`, 2);
  }
  if (!values.wheel) fail(`--wheel is required\n${USAGE}`, 2);
  for (const file of [values.wheel, values.stdlib, values.snapshot].filter(Boolean)) {
    // Pyodide only logs a missing standard library and then fails obscurely.
    if (!existsSync(file)) fail(`${file} does not exist`, 2);
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) fail(`--timeout takes a positive number of seconds, not ${values.timeout}`, 2);
  const resolved = (file) => file && path.resolve(file);
  return { wheel: resolved(values.wheel), stdlib: resolved(values.stdlib), snapshot: resolved(values.snapshot), timeout };
}

// The lock file the site ships (scripts/build/site_assets.py): the package's
// own, without its package list, which the checker does not use.
export function siteLock() {
  const lock = JSON.parse(readFileSync(path.join(indexURL, "pyodide-lock.json"), "utf8"));
  return { info: lock.info, packages: {} };
}

// Pyodide's snapshot from the file the site publishes (gzip, without its
// pages of zeros), read as the worker reads it.
function snapshotBytes(file) {
  const bytes = readFileSync(file);
  return unpack(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
}

async function main() {
  const { wheel, stdlib, snapshot, timeout } = options();
  // loadPyodide never settles if the wasm cannot be instantiated (SPEC
  // section 10): give up loudly instead of hanging the caller.
  const timer = setTimeout(() => fail(`gave up after ${timeout} s (Pyodide did not boot or the run did not finish)`), timeout * 1000);

  if (!existsSync(path.join(indexURL, "pyodide.mjs"))) {
    fail(`${indexURL} is missing: run scripts/setup (it installs the npm packages)`);
  }
  const input = readFileSync(0, "utf8");
  try {
    if (!Array.isArray(JSON.parse(input))) fail("standard input must be a JSON array of {\"answers\": {...}} requests", 2);
  } catch (error) {
    fail(`standard input is not JSON: ${error.message}`, 2);
  }

  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  // Anything Python or the loader prints goes to stderr: stdout carries only the result.
  const toStderr = (line) => process.stderr.write(line + "\n");
  const pyodide = await loadPyodide({
    indexURL, lockFileContents: siteLock(), stdout: toStderr, stderr: toStderr,
    ...(stdlib && { stdLibURL: stdlib }), ...(snapshot && { _loadSnapshot: snapshotBytes(snapshot) }),
  });
  const booted = performance.now();
  pyodide.runPython(RECORDER);
  const modules = new Set(JSON.parse(pyodide.runPython(MODULES)));
  // A restored snapshot has the checker imported already (from this path).
  if (!snapshot) installWheel(pyodide, path.basename(wheel), readFileSync(wheel));
  const installed = performance.now();
  const browser = pyodide.pyimport("checker._browser");
  const output = {
    runtime: JSON.parse(browser.runtime()),
    replies: JSON.parse(input).map((request) => browser.handle(typeof request === "string" ? request : JSON.stringify(request))),
  };
  const evaluated = performance.now();
  clearTimeout(timer);
  for (const name of JSON.parse(pyodide.runPython(MODULES))) modules.add(name);
  output.modules = [...modules].sort();
  output.unfound = JSON.parse(pyodide.runPython("import json; json.dumps(sorted(_Unfound.names))"));
  output.timings_ms = {
    boot: Math.round(booted - started), wheel: Math.round(installed - booted), evaluate: Math.round(evaluated - installed),
  };
  // Exit only once the (possibly large) document is flushed to the pipe.
  process.stdout.write(JSON.stringify(output) + "\n", () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => fail(error && error.message ? error.message : String(error)));
}
