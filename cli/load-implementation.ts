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

/** An `--impl` value that is a file rather than a built-in design's name. */
export const isImplementationFile = (value: string): boolean => /[\\/]/.test(value) || /\.(ts|mts|js|mjs)$/.test(value);

/**
 * Loads a team's own implementation file: every export that looks like an implementation (or the
 * default export) is decoded, so a missing field is reported by name instead of failing mid-run.
 */
export const loadImplementations = async (file: string): Promise<ReadonlyArray<AnyImplementation>> => {
  const url = pathToFileURL(resolve(file)).href;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--impl ${file}: cannot load it: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const candidates = Object.entries(module).filter(([, value]) => looksLikeImplementation(value));
  if (candidates.length === 0) {
    throw new UsageError(`--impl ${file}: exports no implementation (an object with family, name, design, backend, claim and create; see defineImplementation)`);
  }
  return candidates.map(([exportName, value]) => {
    const decoded = Schema.decodeUnknownResult(ImplementationShape)(value);
    if (Result.isFailure(decoded)) throw new UsageError(`--impl ${file}: export "${exportName}" is not a valid implementation: ${oneLine(decoded.failure.message)}`);
    return value as AnyImplementation;
  });
};
