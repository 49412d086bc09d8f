/*
 * Threshold checker, worker side: starts Python (Pyodide) from our own site,
 * with the checker and its rules, and answers evaluation requests.  Runs off
 * the main thread so the form never waits.
 *
 * Two ways to start, both ending in the same checker._browser.handle:
 * - restore the build's memory snapshot (scripts/build/snapshot.py): Python
 *   with the checker imported and the rules read, in a fraction of a boot;
 *   used when it is already in Cache Storage (the service worker fetched it
 *   on an earlier visit), as the download is large for a first visit;
 * - boot on the trimmed, precompiled standard library and put the wheel,
 *   with its bytecode, on sys.path.
 * If the snapshot is refused for any reason (missing, damaged, made for
 * another runtime) the worker boots the second way, quietly: a fallback, not
 * an error.  `boot` in the init message forces one way ("snapshot" or
 * "stdlib", from the page's ?boot= query, for tests and scripts/bench).
 */

import { unpack } from "./checker/snapshot.mjs";
import { installWheel } from "./checker/wheel.mjs";

// checker._browser.handle: JSON text of a request in, JSON text of the reply
// out. All the Python lives in the wheel, so the parity test exercises it.
let handle = null;
let pending = null;

// Pyodide's snapshot header (pyodide.asm.mjs, makeSnapshot): checked here
// before Pyodide sizes its memory by the bytes, so garbage never reaches it.
const SNAPSHOT_MAGIC = 1886286592;
const SNAPSHOT_HEADER = 48;
// A restore that neither succeeds nor fails (a snapshot damaged past its
// header) gives way to the ordinary boot.
const RESTORE_TIMEOUT_MS = 30000;

function progress(text) {
  self.postMessage({ type: "progress", text });
}

async function snapshotResponse(url, way) {
  if (way === "snapshot") return fetch(url);
  // caches is missing outside secure contexts; any failure means "not cached".
  try {
    return self.caches ? await caches.match(url) : undefined;
  } catch {
    return undefined;
  }
}

// The snapshot's bytes, or a rejection if they are not a snapshot.
async function snapshotBytes(response) {
  let bytes = new Uint8Array(await response.arrayBuffer());
  // Published gzipped; the service worker keeps it decompressed (and a host may have undone it).
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  bytes = unpack(bytes);
  if (bytes.length < SNAPSHOT_HEADER || bytes.length % 4 !== 0 ||
      new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== SNAPSHOT_MAGIC) {
    throw new Error("not a Pyodide memory snapshot");
  }
  return bytes;
}

async function restore(loadPyodide, options, bytes) {
  // Handed over as a promise: Pyodide fetches its runtime while the snapshot
  // is read, and awaits it only to start.
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), RESTORE_TIMEOUT_MS); });
  try {
    const pyodide = await Promise.race([loadPyodide({ ...options, _loadSnapshot: bytes }), timeout]);
    return pyodide && pyodide.pyimport("checker._browser").handle;
  } finally {
    clearTimeout(timer);
  }
}

async function wheelBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the checker's code could not be fetched (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function bootFromStdlib(loadPyodide, options, wheel) {
  const bytes = wheelBytes(wheel);  // fetched while Python starts
  bytes.catch(() => {});  // reported below, once awaited
  const pyodide = await loadPyodide(options);
  progress("Loading the rules…");
  installWheel(pyodide, new URL(wheel).pathname.split("/").pop(), await bytes);
  const entry = pyodide.pyimport("checker._browser").handle;
  entry(JSON.stringify({ answers: {} }));  // reads the rules now, not on the first answer
  return entry;
}

async function boot({ pyodide: base, wheel, stdlib, snapshot, boot: way }) {
  try {
    progress("Loading the Python runtime…");
    const found = way !== "stdlib" && snapshot ? snapshotResponse(snapshot, way).catch(() => undefined) : null;
    // Read at once, while Pyodide's own code loads: the largest part of a restore.
    const bytes = found && found.then((response) => (response && response.ok ? snapshotBytes(response) : null));
    if (bytes) bytes.catch(() => {});  // a refusal is handled in restore, never reported as unhandled
    // Pyodide's runtime module (1.2 MB of JavaScript) is the longest load
    // before Python can start: begun now, beside pyodide.mjs and the
    // snapshot, loadPyodide's own import of it finds it loaded.
    import(base + "pyodide.asm.mjs").catch(() => {});  // a failure shows in loadPyodide
    const { loadPyodide } = await import(base + "pyodide.mjs");
    // The standard library precompiled to bytecode at build time: most of a
    // stock boot is spent compiling it from source.  The snapshot was made on
    // this very zip, so a restore names it too.
    const options = { indexURL: base, stdLibURL: stdlib };
    const response = found && (await found);
    if (response && response.ok) handle = await restore(loadPyodide, options, bytes).catch(() => null);
    if (!handle) handle = await bootFromStdlib(loadPyodide, options, wheel);
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
