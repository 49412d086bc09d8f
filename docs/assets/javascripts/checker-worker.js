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
 * - boot on the trimmed, precompiled standard library and install the wheel.
 * If the snapshot is refused for any reason (missing, damaged, made for
 * another runtime) the worker boots the second way, quietly: a fallback, not
 * an error.  `boot` in the init message forces one way ("snapshot" or
 * "stdlib", from the page's ?boot= query, for tests and scripts/bench).
 */

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
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {  // published gzipped; a host may already have undone it
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (bytes.length < SNAPSHOT_HEADER || bytes.length % 4 !== 0 ||
      new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== SNAPSHOT_MAGIC) {
    throw new Error("not a Pyodide memory snapshot");
  }
  return bytes;
}

async function restore(loadPyodide, options, response) {
  // Handed over as a promise: Pyodide fetches and compiles its runtime while
  // the snapshot downloads and decompresses, and awaits it only to start.
  const bytes = snapshotBytes(response);
  bytes.catch(() => {});  // a refusal is handled below, never reported as unhandled
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), RESTORE_TIMEOUT_MS); });
  try {
    const pyodide = await Promise.race([loadPyodide({ ...options, _loadSnapshot: bytes }), timeout]);
    return pyodide && pyodide.pyimport("checker._browser").handle;
  } finally {
    clearTimeout(timer);
  }
}

async function bootFromStdlib(loadPyodide, options, wheel) {
  const pyodide = await loadPyodide(options);
  progress("Loading the rules…");
  await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: () => {} });
  const entry = pyodide.pyimport("checker._browser").handle;
  entry(JSON.stringify({ answers: {} }));  // reads the rules now, not on the first answer
  return entry;
}

async function boot({ pyodide: base, wheel, stdlib, snapshot, boot: way }) {
  try {
    progress("Loading the Python runtime…");
    const found = way !== "stdlib" && snapshot ? snapshotResponse(snapshot, way).catch(() => undefined) : null;
    const { loadPyodide } = await import(base + "pyodide.mjs");
    // The standard library precompiled to bytecode at build time: most of a
    // stock boot is spent compiling it from source.  The snapshot was made on
    // this very zip, so a restore names it too.
    const options = { indexURL: base, stdLibURL: stdlib };
    const response = found && (await found);
    if (response && response.ok) handle = await restore(loadPyodide, options, response).catch(() => null);
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
