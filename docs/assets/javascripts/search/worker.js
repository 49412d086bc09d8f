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
  // Building the engine takes a fifth of a second of CPU, which a page
  // (and on a checker page, Python) starting on a two-core laptop or phone
  // feels: it is built when the reader opens search (search-warm.js says
  // so on this channel), at the first query, or once the page has settled.
  const SETTLE_MS = 2000;
  const CHANNEL = "threshold-search";
  let engine = null;
  let docs = null;
  let timer = null;

  function build() {
    clearTimeout(timer);
    if (!engine && docs) {
      engine = self.ThresholdSearch.create(docs);
      docs = null;
    }
  }

  if (self.BroadcastChannel) new BroadcastChannel(CHANNEL).onmessage = build;

  self.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === SETUP) {
      docs = message.data.docs;
      timer = setTimeout(build, SETTLE_MS);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      build();
      const started = performance.now();
      let data = { items: [] };
      if (engine) data = self.ThresholdSearch.search(engine, message.data);
      // For scripts/bench: how long the answer took inside the worker.
      data.took = performance.now() - started;
      self.postMessage({ type: RESULT, data });
    }
  });
})();
