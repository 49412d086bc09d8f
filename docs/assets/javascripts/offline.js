/*
 * Offline use: registers the site's service worker (sw.js at the site root,
 * generated at build time) and says when a newer version of the site is ready.
 *
 * Registered late on purpose: installing it downloads the whole site,
 * Python runtime included, and on a first visit over a slow link that must
 * not compete with the checker's own boot.  So it waits for the page's load
 * event and for the checker to be ready (or failed), or, on a page without a
 * checker, a couple of seconds more; and then for a pause in the answers, as
 * installing takes the CPU for a few seconds: on a two-core laptop it made
 * the verdict take 78 ms instead of 47 ms to follow an answer (median of six
 * first visits, scripts/bench's answers).  Runs once per page load;
 * Material's instant navigation keeps the same registration.
 */

import { onEveryPage } from "./pages.js";
import { runtime } from "./checker/runtime.js";

const SCRIPT = new URL("../../sw.js", import.meta.url);
const WITHOUT_CHECKER_MS = 2000;
const POLL_MS = 250;
// How long the answers must rest before the install begins.
const PAUSE_MS = 3000;
let lastAnswer = -Infinity;
for (const type of ["input", "change"]) {
  document.addEventListener(type, (event) => {
    if (event.target.closest && event.target.closest("[data-checker]")) lastAnswer = performance.now();
  }, true);
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function loaded() {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

/* Until the page has loaded, no checker is booting and the reader has
   paused between answers.  The worker outlives
   instant navigation, so its state is read from the shared runtime, not from
   a page's data-state: a reader may go from a page without a checker to one
   with a checker within the first seconds. */
async function quiet() {
  await loaded();
  if (!document.querySelector("[data-checker]")) await delay(WITHOUT_CHECKER_MS);
  if (!runtime.worker) return;
  while (runtime.state === "loading") await delay(POLL_MS);
  // The first answers come as the checker becomes ready: the pause counts from then too.
  const readyAt = performance.now();
  const rest = () => PAUSE_MS - (performance.now() - Math.max(lastAnswer, readyAt));
  while (rest() > 0) await delay(rest());
}

/* ---- the notice: "Updated: reload", polite, until the reader reloads ---- */

const notice = document.createElement("div");
notice.className = "tc-update";
// A live region must be in the page before its text changes to be announced.
notice.setAttribute("role", "status");
let registered = false;
let waiting = null;

/* Puts the (empty) live region in the page, and its line once a new build waits. */
function showNotice() {
  if (!registered) return;
  if (!notice.isConnected) document.body.appendChild(notice);
  if (!waiting || notice.firstChild) return;
  const line = document.createElement("p");
  line.append("Updated: ");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "reload";
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage({ type: "activate" });
  });
  line.append(button);
  notice.append(line);
}

/* A new build is installed (and waits) while an older one controls this page. */
export function watchForUpdates(registration, onUpdate) {
  const offer = (worker) => {
    if (navigator.serviceWorker.controller) onUpdate(worker);
  };
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed") offer(worker);
    });
  });
}

async function register() {
  if (!("serviceWorker" in navigator)) return;
  await quiet();
  let registration;
  try {
    registration = await navigator.serviceWorker.register(SCRIPT);
  } catch (error) {
    // e.g. a copy opened from disk, or a host that does not serve sw.js: the site works without it.
    return;
  }
  // A browser set to refuse service workers (Playwright's "block") resolves with nothing.
  if (!registration) return;
  registered = true;
  showNotice();
  watchForUpdates(registration, (worker) => {
    waiting = worker;
    showNotice();
  });
}

register();
// Instant navigation may replace the page's body: keep the notice in it.
onEveryPage(showNotice);
