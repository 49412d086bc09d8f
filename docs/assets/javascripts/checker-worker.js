/*
 * Threshold checker, worker side: boots Pyodide from our own site, installs
 * the checker wheel (which carries the compiled rules) and answers
 * evaluation requests.  Runs off the main thread so the form never waits.
 */

let evaluatePython = null;
let pending = null;

const BOOT = `
import json
import checker

_rules = checker.load_rules()

def threshold_evaluate(text):
    document = json.loads(text)
    test = document.pop("test", None)
    try:
        if test:
            return json.dumps({"ok": True, "result": checker.check_definition(test, document, _rules)})
        result = checker.evaluate(document, _rules)
    except checker.AnswerError as error:
        return json.dumps({"ok": False, "problems": error.problems})
    except checker.CheckerError as error:
        return json.dumps({"ok": False, "problems": [str(error)]})
    return json.dumps({"ok": True, "result": result, "display": checker.present(result, _rules)})
`;

function progress(text) {
  self.postMessage({ type: "progress", text });
}

async function boot({ pyodide: base, wheel, stdlib }) {
  try {
    progress("Loading the Python runtime…");
    const { loadPyodide } = await import(base + "pyodide.mjs");
    // The standard library precompiled to bytecode at build time: most of a
    // stock boot is spent compiling it from source.
    const pyodide = await loadPyodide({ indexURL: base, stdLibURL: stdlib });
    progress("Loading the rules…");
    await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: () => {} });
    pyodide.runPython(BOOT);
    evaluatePython = pyodide.globals.get("threshold_evaluate");
    self.postMessage({ type: "ready" });
    if (pending) run(pending);
  } catch (error) {
    self.postMessage({ type: "error", text: "The checker could not start: " + (error && error.message ? error.message : String(error)) });
  }
}

function run(request) {
  pending = null;
  const reply = JSON.parse(evaluatePython(JSON.stringify({ answers: request.answers, test: request.test || undefined })));
  self.postMessage({ type: "result", id: request.id, ...reply });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    boot(message);
  } else if (message.type === "evaluate") {
    if (evaluatePython) run(message);
    else pending = message;  // only the latest answers matter
  }
};
