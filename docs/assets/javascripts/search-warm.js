/*
 * Tells the search worker (search/worker.js) to build its engine now: the
 * reader is opening search.  The worker otherwise waits for the page to
 * settle, so that the build never competes with the page, or the checker,
 * starting.  Nothing about the search is sent: only "now".
 */
const channel = self.BroadcastChannel ? new BroadcastChannel("threshold-search") : null;
const OPENERS = ".md-search__input, label[for='__search']";

function warm(event) {
  if (channel && event.target instanceof Element && event.target.closest(OPENERS)) channel.postMessage("build");
}

// Pointer down comes before the click that opens search; focus covers the keyboard shortcuts.
document.addEventListener("pointerdown", warm, { capture: true, passive: true });
document.addEventListener("focusin", warm, { capture: true });
