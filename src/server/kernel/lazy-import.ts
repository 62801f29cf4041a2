// Heavy libraries (spreadsheets, Word documents, charts, credential proofs, QR codes, single sign-on) are loaded
// the first time a request needs them, not when the server's modules load: most requests and most processes
// (every test file's platform, every worker at start) never use them, and loading them all took ~2 s of CPU.

/** `load` run once, on the first call; a failed load is tried again on the next call. */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
    return loading;
  };
}

/** A CommonJS package's exports, whichever way the loader (Node, vitest, a bundle) presents them. */
export function commonJsExports<T>(module: T | { default: T }): T {
  return (module as { default?: T }).default ?? (module as T);
}
