/*
 * The checker's wheel on sys.path as it is: zipimport reads a pure-Python
 * wheel directly (and prefers the bytecode the build added beside each
 * module).  Pyodide's loadPackage would install it, but its installer
 * imports some forty modules the checker never uses (email, tarfile,
 * importlib.metadata, ...), which a first visit would download and import.
 * Used by the worker (checker-worker.js) and, in Node, by the parity test's
 * runner and the snapshot maker (scripts/node/), so all three load the
 * checker the same way.
 */

const SITE_PACKAGES = "import sys; next(p for p in sys.path if p.endswith('/site-packages'))";

/** Writes the wheel's bytes into site-packages under its own name and puts it first on sys.path. */
export function installWheel(pyodide, name, bytes) {
  const target = `${pyodide.runPython(SITE_PACKAGES)}/${name}`;
  pyodide.FS.writeFile(target, bytes);
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(target)})`);
  return target;
}
