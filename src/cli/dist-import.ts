// Loads a module of dist/ that stays outside the CLI bundle (src/bench: the benchmark suites and their
// harness) as an ES module. From the per-file build this is a plain import(). From the CommonJS bundle
// (dist/cli/main.bundle.cjs, compiled by bin/ax.cjs through vm.Script for its code cache), code has no
// module loader of its own, so the launcher's import() is used: bin/ax.cjs sets globalThis.__axImport.

type Importer = (url: string) => Promise<unknown>;

/** `rel` is relative to dist/ (e.g. 'bench/perf/run.js'). */
export async function importDist<T>(rel: string): Promise<T> {
  const url = new URL(`../${rel}`, import.meta.url).href;
  const host = (globalThis as { __axImport?: Importer }).__axImport;
  return (await (host ? host(url) : import(url))) as T;
}
