#!/usr/bin/env node
// An installed package holds the compiled CLI alone and starts it directly, with no transpiling at
// every start. A development checkout holds the TypeScript sources and runs them through tsx, so
// that a dist/ left by an earlier build can never run code older than the sources beside it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const sources = new URL("../cli/main.ts", import.meta.url);
if (existsSync(sources)) {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    // A clone linked into another project (`npm install ../invariant-lab`) has no dependencies of its own.
    const checkout = fileURLToPath(new URL("..", import.meta.url));
    process.stderr.write(
      `invariant-lab: ${checkout} is a checkout without its dependencies: run "npm ci" there, or install the tarball "npm pack" builds there (README: Install the package).\n`,
    );
    process.exit(1);
  }
  register();
  await import(sources.href);
} else {
  await import(new URL("../dist/cli/main.js", import.meta.url).href);
}
