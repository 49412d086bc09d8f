// Starts the checker's worker as the page arrives, before its stylesheets
// and modules have loaded: inline and classic in <head>, so it runs at once.
// checker/runtime.js adopts the worker with every message it has sent
// meanwhile (on a page reached by instant navigation, where this does not
// run, it starts one itself; workerInit there sends the same init message).
// On a first visit it also preloads the runtime's big files for the worker;
// once the service worker serves the site they come from its cache, and a
// preload would only read them twice.
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
      link.setAttribute("data-runtime", "");
      document.head.appendChild(link);
    });
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
