// Make the checker's memory snapshot, inside Pyodide (in Node), at build time.
//
//   node scripts/node/make_snapshot.mjs --wheel CHECKER.whl --stdlib STDLIB.zip OUT
//
// Boots Pyodide on the standard library the site ships, puts the checker
// wheel on sys.path (as the worker does), imports checker._browser and
// answers one empty request (so the rules are read), then writes Pyodide's
// memory as it stands: a browser that
// restores it (checker-worker.js) skips the interpreter's start, every
// import and the rules' parsing.  The snapshot is tied to this exact build
// of Pyodide (it checks a build id) and to this exact standard library zip
// (the zip importer keeps offsets into it), so scripts/build/snapshot.py
// keys its cache on both.  Private API (`_makeSnapshot`,
// `makeMemorySnapshot`, `_loadSnapshot`): Pyodide is pinned exactly.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { installWheel } from "../../docs/assets/javascripts/checker/wheel.mjs";
import { siteLock } from "./pyodide_run.mjs";

const USAGE = "usage: node scripts/node/make_snapshot.mjs --wheel CHECKER.whl --stdlib STDLIB.zip OUT";
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "..", "node_modules", "pyodide") + path.sep;

function fail(message, status = 1) {
  process.stderr.write(`make_snapshot: ${message}\n`);
  process.exit(status);
}

const { values, positionals } = parseArgs({
  options: { wheel: { type: "string" }, stdlib: { type: "string" } }, allowPositionals: true,
});
if (!values.wheel || !values.stdlib || positionals.length !== 1) fail(USAGE, 2);
const out = positionals[0];

async function main() {
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  const toStderr = (line) => process.stderr.write(line + "\n");
  // The same lock file and standard library as the worker passes when it
  // restores: what Pyodide sets up from them must match what the heap expects.
  const pyodide = await loadPyodide({
    indexURL, stdLibURL: path.resolve(values.stdlib), lockFileContents: siteLock(),
    stdout: toStderr, stderr: toStderr, _makeSnapshot: true,
  });
  installWheel(pyodide, path.basename(values.wheel), readFileSync(values.wheel));
  const browser = pyodide.pyimport("checker._browser");
  const reply = JSON.parse(browser.handle(JSON.stringify({ answers: {} })));
  if (!reply.ok) fail(`the checker could not answer an empty request: ${JSON.stringify(reply)}`);
  browser.destroy();
  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(out + ".partial", snapshot);
  renameSync(out + ".partial", out);
  console.log(`make_snapshot: ${snapshot.length} bytes -> ${out}`);
}

// A Python error's message is its traceback; an uncaught one would also print
// a screenful of minified Pyodide source.
main().catch((error) => fail(String(error && error.message ? error.message : error).slice(-3000)));
