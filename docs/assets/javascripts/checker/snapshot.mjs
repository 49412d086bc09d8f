/*
 * The checker's memory snapshot as the site publishes it: Pyodide's snapshot
 * without its pages of zeros, more than half of it (scripts/build/snapshot.py
 * writes it).  Read by the worker (checker-worker.js), and by the parity
 * test's runner in Node (scripts/node/pyodide_run.mjs), which so restores
 * exactly what a browser restores.  Half the bytes to read from the cache on
 * every later visit, before Python can start.
 *
 * Layout, little-endian 32-bit words: MAGIC, VERSION, the full length, the
 * page size, the number of pages kept, then the index of each kept page in
 * increasing order, then those pages one after another (the last page of the
 * snapshot may be short).  Every other page is zeros.
 */

const MAGIC = 0x50534854;  // "THSP"
const VERSION = 1;
const HEADER_WORDS = 5;

/** Pyodide's snapshot from the published bytes; throws if they are not one of ours. */
export function unpack(bytes) {
  const words = (offset, count) => new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  if (bytes.length < HEADER_WORDS * 4) throw new Error("not a checker snapshot: too short");
  const header = words(0, HEADER_WORDS);
  const [magic, version, length, page, count] = [0, 1, 2, 3, 4].map((i) => header.getUint32(i * 4, true));
  if (magic !== MAGIC || version !== VERSION) throw new Error("not a checker snapshot");
  const pages = Math.ceil(length / page);
  const start = (HEADER_WORDS + count) * 4;
  if (page === 0 || count > pages || bytes.length < start) throw new Error("a damaged checker snapshot");
  const index = words(HEADER_WORDS * 4, count);
  const out = new Uint8Array(length);
  let from = start;
  let previous = -1;
  for (let k = 0; k < count; k++) {
    const at = index.getUint32(k * 4, true);
    const size = Math.min(page, length - at * page);
    if (at <= previous || at >= pages || from + size > bytes.length) throw new Error("a damaged checker snapshot");
    out.set(bytes.subarray(from, from + size), at * page);
    from += size;
    previous = at;
  }
  if (from !== bytes.length) throw new Error("a damaged checker snapshot");
  return out;
}
