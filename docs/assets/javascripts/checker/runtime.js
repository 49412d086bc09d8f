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

// What the worker needs to start; templates/checker-start.js sends the same.
function workerInit(root) {
  const url = (name) => (root.dataset[name] ? new URL(root.dataset[name], location.href).href : "");
  return {
    type: "init", pyodide: url("pyodide"), wheel: url("wheel"), stdlib: url("stdlib"), snapshot: url("snapshot"),
    boot: BOOT_WAYS.find((way) => way === new URLSearchParams(location.search).get("boot")) || "auto",
  };
}

// The worker templates/checker-start.js started as the page was read, with
// what it has said since; else a new one.
function adoptOrStart(root) {
  const early = window.thresholdWorker;
  if (early && early.worker) return early;
  const worker = new Worker(WORKER_URL, { type: "module" });
  worker.postMessage(workerInit(root));
  window.thresholdWorker = { worker, messages: [], errors: [] };
  return window.thresholdWorker;
}

export function startWorker(root) {
  if (runtime.worker) return;
  let started;
  try {
    started = adoptOrStart(root);
  } catch (error) {
    setState("error", "Your browser could not start the checker (" + error.message + ").");
    return;
  }
  runtime.worker = started.worker;
  // On a first visit the page preloads the runtime's big files
  // (templates/checker-start.js) so the download starts as the page is read;
  // the worker takes them from the HTTP cache.  Reading each here marks the preload used (else the browser
  // warns on the console); the bytes are dropped.
  for (const link of document.querySelectorAll('link[rel="preload"][data-runtime]')) {
    fetch(link.href).then((response) => response.arrayBuffer()).catch(() => {});
  }
  const onError = (event) => {
    setState("error", "The checker failed to start: " + (event.message || "unknown error") + ".");
  };
  runtime.worker.onmessage = (event) => onMessage(event.data);
  runtime.worker.onerror = onError;
  started.messages.splice(0).forEach(onMessage);
  started.errors.splice(0).forEach(onError);
  // loadPyodide never settles when the wasm cannot be instantiated: give up visibly.
  if (runtime.state === "loading") {
    runtime.timer = setTimeout(() => {
      if (runtime.state === "loading") {
        setState("error", "The checker did not finish loading within " + LOAD_TIMEOUT_MS / 1000 +
          " seconds. Reload the page to try again; the guidance itself works without it.");
      }
    }, LOAD_TIMEOUT_MS);
  }
}

export function ask(request) {
  runtime.worker.postMessage({ type: "evaluate", ...request });
}
