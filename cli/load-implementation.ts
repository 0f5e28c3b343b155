import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Result, Schema } from "effect";
import type { AnyImplementation } from "../engine/implementation.js";
import { UsageError } from "./verify-options.js";
import { oneLine } from "../engine/one-line.js";

/** The parts of an implementation the harness relies on, checked before anything runs. */
const ImplementationShape = Schema.Struct({
  family: Schema.String,
  name: Schema.String,
  design: Schema.String,
  backend: Schema.String,
  claim: Schema.Literals(["linearizable", "eventually-consistent"]),
  create: Schema.declare((value: unknown): value is (...args: never[]) => unknown => typeof value === "function", { expected: "a function" }),
});

const looksLikeImplementation = (value: unknown): boolean => value !== null && typeof value === "object" && "create" in value && "family" in value;

/** `FILE#export`: the file, and the one export to verify when the value names one. */
const splitExport = (value: string): { readonly file: string; readonly exportName: string | undefined } => {
  const match = /^(.+)#([A-Za-z_$][\w$]*)$/.exec(value);
  return match === null ? { file: value, exportName: undefined } : { file: match[1] as string, exportName: match[2] };
};

/** An `--impl` value that is a file (optionally `FILE#export`) rather than a built-in design's name. */
export const isImplementationFile = (value: string): boolean => {
  const { file } = splitExport(value);
  return /[\\/]/.test(file) || /\.(ts|mts|cts|js|mjs|cjs)$/.test(file);
};

/** Registered once, and only when needed: the compiled CLI loads plain JavaScript without it. */
let typeScriptLoader: Promise<void> | undefined;

/**
 * Makes `import()` accept a team's TypeScript file. Running from the sources, a TypeScript loader
 * (tsx, vitest) is already in place; the compiled CLI registers tsx on the first `.ts` file.
 */
const loadsTypeScript = (file: string): Promise<void> => {
  if (!/\.[mc]?ts$/.test(file) || import.meta.url.endsWith(".ts")) return Promise.resolve();
  typeScriptLoader ??= import("tsx/esm/api").then(({ register }) => void register());
  return typeScriptLoader;
};

/**
 * Loads a team's own implementation file: every export that looks like an implementation (or the
 * default export), or only the one `FILE#export` names, is decoded, so that a missing field is
 * reported by name instead of failing mid-run.
 */
export const loadImplementations = async (value: string): Promise<ReadonlyArray<AnyImplementation>> => {
  const { file, exportName } = splitExport(value);
  const url = pathToFileURL(resolve(file)).href;
  let module: Record<string, unknown>;
  try {
    await loadsTypeScript(file);
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--impl ${file}: cannot load it: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (exportName !== undefined) {
    if (!(exportName in module))
      throw new UsageError(`--impl ${value}: ${file} has no export "${exportName}"; its exports: ${Object.keys(module).join(", ") || "none"}`);
    if (!looksLikeImplementation(module[exportName]))
      throw new UsageError(`--impl ${value}: export "${exportName}" is not an implementation (an object with family, name, design, backend, claim and create)`);
  }
  const candidates = Object.entries(module).filter(
    ([name, exported]) => (exportName === undefined || name === exportName) && looksLikeImplementation(exported),
  );
  if (candidates.length === 0) {
    throw new UsageError(
      `--impl ${file}: exports no implementation (an object with family, name, design, backend, claim and create; see defineImplementation)`,
    );
  }
  return candidates.map(([name, exported]) => {
    const decoded = Schema.decodeUnknownResult(ImplementationShape)(exported);
    if (Result.isFailure(decoded)) throw new UsageError(`--impl ${file}: export "${name}" is not a valid implementation: ${oneLine(decoded.failure.message)}`);
    return exported as AnyImplementation;
  });
};
