/*
 * Run something on every page load, including Material's instant
 * navigation (which swaps pages without re-running scripts): Material's
 * `document$` stream where it exists, else the document's own load.
 */
export function onEveryPage(callback) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(callback);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", callback);
  } else {
    callback();
  }
}
