// The checker's early start, inline and classic at the top of <head>, so it
// runs as the page arrives, before its stylesheets and modules have loaded.
// Measured on a two-core laptop (scripts/bench): on a first visit, starting
// Python this early only competes with drawing the form, so this preloads the
// runtime's big files for the worker instead (seconds saved on a slow link),
// and checker/runtime.js starts the worker once the page's modules have run.
// Once the service worker serves the site, the files come from its cache (a
// preload would only read them twice) and the page draws at once: this starts
// the worker now, and runtime.js adopts it with every message it has sent
// meanwhile (workerInit there sends the same init message).
(function () {
  var data = document.currentScript.dataset;
  if (window.thresholdWorker || typeof Worker === "undefined") return;
  var href = function (name) { return data[name] ? new URL(data[name], location.href).href : ""; };
  if (!(navigator.serviceWorker && navigator.serviceWorker.controller)) {
    [href("pyodide") + "pyodide.asm.wasm", href("stdlib"), href("pyodide") + "pyodide.asm.mjs"].forEach(function (url) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = url;
      link.fetchPriority = "low";  // after the stylesheets, which the form waits for
      link.setAttribute("data-runtime", "");
      document.head.appendChild(link);
    });
    return;
  }
  var early = { worker: null, messages: [], errors: [] };
  try {
    early.worker = new Worker(href("worker"), { type: "module" });
  } catch (error) {
    return;  // runtime.js tries again and says why
  }
  early.worker.onmessage = function (event) { early.messages.push(event.data); };
  early.worker.onerror = function (event) { early.errors.push(event); };
  var way = new URLSearchParams(location.search).get("boot");
  early.worker.postMessage({
    type: "init", pyodide: href("pyodide"), wheel: href("wheel"), stdlib: href("stdlib"), snapshot: href("snapshot"),
    boot: way === "snapshot" || way === "stdlib" ? way : "auto"
  });
  window.thresholdWorker = early;
})();
