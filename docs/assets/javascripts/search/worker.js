/*
 * The site's search worker, in place of Material's: it speaks Material's
 * worker protocol (SETUP -> READY, QUERY -> RESULT; see Material's
 * integrations/search/worker/message), so Material's search box, keyboard
 * handling and result list stay as they are, and answers with engine.js.
 * The build concatenates lunr, engine.js and this file into one
 * content-hashed script (scripts/build/search_index.py).
 */
(function () {
  "use strict";
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;
  let engine = null;

  self.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === SETUP) {
      engine = self.ThresholdSearch.create(message.data.docs);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      const started = performance.now();
      let data = { items: [] };
      if (engine) data = self.ThresholdSearch.search(engine, message.data);
      // For scripts/bench: how long the answer took inside the worker.
      data.took = performance.now() - started;
      self.postMessage({ type: RESULT, data });
    }
  });
})();
