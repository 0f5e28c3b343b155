#!/usr/bin/env node
// An installed package holds the compiled CLI alone and starts it directly, with no transpiling at
// every start. A development checkout holds the TypeScript sources and runs them through tsx, so
// that a dist/ left by an earlier build can never run code older than the sources beside it.
import { existsSync } from "node:fs";

const sources = new URL("../cli/main.ts", import.meta.url);
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(sources.href);
} else {
  await import(new URL("../dist/cli/main.js", import.meta.url).href);
}
