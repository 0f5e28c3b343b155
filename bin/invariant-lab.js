#!/usr/bin/env node
// Runs the TypeScript CLI directly, so that a team's own `--impl ./file.ts` loads the same way.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
