import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread running `worker.ts` beside this file. The installed package runs compiled
 * JavaScript, which a worker loads as it is. A checkout runs the TypeScript sources through tsx,
 * whose loader a new thread does not inherit: there the worker registers tsx first (resolved from
 * this checkout, as `bin/invariant-lab.js` does), then imports the same sources.
 */
export const startWorker = (workerData: unknown): Worker => {
  const entry = new URL(`./worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); }).catch((error) => { process.stderr.write(String(error && error.stack || error) + "\\n"); process.exit(1); });`;
  return new Worker(bootstrap, { eval: true, workerData });
};
