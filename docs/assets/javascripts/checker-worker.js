/*
 * Threshold checker, worker side: boots Pyodide from our own site, installs
 * the checker wheel (which carries the compiled rules) and answers
 * evaluation requests.  Runs off the main thread so the form never waits.
 */

// checker._browser.handle: JSON text of a request in, JSON text of the reply
// out. All the Python lives in the wheel, so the parity test exercises it.
let handle = null;
let pending = null;

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
    handle = pyodide.pyimport("checker._browser").handle;
    handle(JSON.stringify({ answers: {} }));  // reads the rules now, not on the first answer
    self.postMessage({ type: "ready" });
    if (pending) run(pending);
  } catch (error) {
    self.postMessage({ type: "error", text: "The checker could not start: " + (error && error.message ? error.message : String(error)) });
  }
}

function run(request) {
  pending = null;
  const reply = JSON.parse(handle(JSON.stringify({ answers: request.answers, test: request.test || undefined })));
  self.postMessage({ type: "result", id: request.id, ...reply });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    boot(message);
  } else if (message.type === "evaluate") {
    if (handle) run(message);
    else pending = message;  // only the latest answers matter
  }
};
