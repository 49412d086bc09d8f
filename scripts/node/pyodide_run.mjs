// Evaluate answer sets with the checker inside Pyodide, in Node, the way the
// site's worker does: boot the npm package's runtime, install the checker
// wheel with loadPackage, then call checker._browser.handle (the worker's
// own entry point) for each request.
//
//   node scripts/node/pyodide_run.mjs --wheel CHECKER.whl [--stdlib STDLIB.zip] [--timeout SECONDS] < answers.json
//
// stdin: a JSON array of requests as the worker sends them,
// e.g. [{"answers": {"age": 9}}, {"answers": {...}, "test": "<definition id>"}, ...].
// stdout: one JSON document,
//   {"runtime": {"platform", "python", "pyodide", "checker", "distribution"},
//    "replies": ["<the JSON text handle() returned>", ...],
//    "timings_ms": {"boot", "wheel", "evaluate"}}
// Each reply is kept as the text json.dumps wrote inside Pyodide, so a
// comparison with CPython also covers key order and number formatting; the
// runtime block proves the replies came from Pyodide and from the wheel.
//
// Exit status: 0 on success, 1 with one readable message on stderr when
// Pyodide or the wheel cannot be loaded or the run exceeds the timeout, 2 on
// bad usage or input.  --stdlib takes the precompiled standard library of
// scripts/build/site_assets.py (what the site ships); without it the stock one is used.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const USAGE = "usage: node scripts/node/pyodide_run.mjs --wheel CHECKER.whl [--stdlib STDLIB.zip] [--timeout SECONDS] < answers.json";
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "..", "node_modules", "pyodide") + path.sep;

function fail(message, status = 1) {
  process.stderr.write(`pyodide_run: ${message}\n`);
  process.exit(status);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { wheel: { type: "string" }, stdlib: { type: "string" }, timeout: { type: "string", default: "300" } },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`, 2);
  }
  if (!values.wheel) fail(`--wheel is required\n${USAGE}`, 2);
  for (const file of [values.wheel, values.stdlib].filter(Boolean)) {
    // Pyodide only logs a missing standard library and then fails obscurely.
    if (!existsSync(file)) fail(`${file} does not exist`, 2);
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) fail(`--timeout takes a positive number of seconds, not ${values.timeout}`, 2);
  return { wheel: path.resolve(values.wheel), stdlib: values.stdlib && path.resolve(values.stdlib), timeout };
}

async function main() {
  const { wheel, stdlib, timeout } = options();
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
  const pyodide = await loadPyodide({ indexURL, ...(stdlib && { stdLibURL: stdlib }), stdout: toStderr, stderr: toStderr });
  const booted = performance.now();
  const loadErrors = [];
  await pyodide.loadPackage(wheel, { messageCallback: toStderr, errorCallback: (line) => loadErrors.push(line) });
  if (loadErrors.length) fail(`loading ${wheel} failed:\n${loadErrors.join("\n")}`);
  const installed = performance.now();
  const browser = pyodide.pyimport("checker._browser");
  const output = {
    runtime: JSON.parse(browser.runtime()),
    replies: JSON.parse(input).map((request) => browser.handle(JSON.stringify(request))),
  };
  const evaluated = performance.now();
  clearTimeout(timer);
  output.timings_ms = {
    boot: Math.round(booted - started), wheel: Math.round(installed - booted), evaluate: Math.round(evaluated - installed),
  };
  // Exit only once the (possibly large) document is flushed to the pipe.
  process.stdout.write(JSON.stringify(output) + "\n", () => process.exit(0));
}

main().catch((error) => fail(error && error.message ? error.message : String(error)));
