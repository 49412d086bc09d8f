/*
 * The checker's worker: one per visit, created lazily on the first page that
 * has a checker, kept across Material's instant navigation so Python stays
 * warm.  It reports its state (loading, ready, error) to whoever listens.
 */

const LOAD_TIMEOUT_MS = 120000;
// Resolved from this module's own URL: the page's URL changes under instant
// navigation, this one does not.
const WORKER_URL = new URL("../checker-worker.js", import.meta.url);
// How the worker starts: from the memory snapshot if it is already cached,
// else from the standard library (checker-worker.js).  ?boot=snapshot or
// ?boot=stdlib in the page's address forces one way, for tests and
// scripts/bench; it is read from the query, never from the fragment, which
// holds the answers.
const BOOT_WAYS = ["snapshot", "stdlib"];

export const runtime = { worker: null, state: "loading", message: "", timer: null, listener: null };

function setState(state, message) {
  runtime.state = state;
  runtime.message = message || "";
  if (state !== "loading" && runtime.timer) clearTimeout(runtime.timer);
  if (runtime.listener) runtime.listener({ type: "state" });
}

function onMessage(message) {
  if (message.type === "progress") {
    runtime.message = message.text;
    if (runtime.listener) runtime.listener({ type: "state" });
  } else if (message.type === "ready") {
    setState("ready");
    if (runtime.listener) runtime.listener({ type: "ready" });
  } else if (message.type === "error") {
    setState("error", message.text);
  } else if (message.type === "result" && runtime.listener) {
    runtime.listener(message);
  }
}

export function startWorker(root) {
  if (runtime.worker) return;
  try {
    runtime.worker = new Worker(WORKER_URL, { type: "module" });
  } catch (error) {
    setState("error", "Your browser could not start the checker (" + error.message + ").");
    return;
  }
  // The page preloads the runtime's big files (questionnaire.html.j2) so the
  // download starts as the page is read; the worker takes them from the HTTP
  // cache.  Reading each here marks the preload used (else the browser
  // warns on the console); the bytes are dropped.
  for (const link of document.querySelectorAll('link[rel="preload"][data-runtime]')) {
    fetch(link.href).then((response) => response.arrayBuffer()).catch(() => {});
  }
  runtime.worker.onmessage = (event) => onMessage(event.data);
  runtime.worker.onerror = (event) => {
    setState("error", "The checker failed to start: " + (event.message || "unknown error") + ".");
  };
  runtime.worker.postMessage({
    type: "init",
    pyodide: new URL(root.dataset.pyodide, location.href).href,
    wheel: new URL(root.dataset.wheel, location.href).href,
    stdlib: new URL(root.dataset.stdlib, location.href).href,
    snapshot: root.dataset.snapshot ? new URL(root.dataset.snapshot, location.href).href : "",
    boot: BOOT_WAYS.find((way) => way === new URLSearchParams(location.search).get("boot")) || "auto",
  });
  // loadPyodide never settles when the wasm cannot be instantiated: give up visibly.
  runtime.timer = setTimeout(() => {
    if (runtime.state === "loading") {
      setState("error", "The checker did not finish loading within " + LOAD_TIMEOUT_MS / 1000 +
        " seconds. Reload the page to try again; the guidance itself works without it.");
    }
  }, LOAD_TIMEOUT_MS);
}

export function ask(request) {
  runtime.worker.postMessage({ type: "evaluate", ...request });
}
