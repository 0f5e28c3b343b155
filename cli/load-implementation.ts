import { Result, Schema } from "effect";
import type { AnyImplementation } from "../engine/implementation.js";
import { UsageError } from "./verify-options.js";
import { oneLine } from "../engine/one-line.js";
import { selectedExports, splitExport } from "./load-module.js";

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

/** An `--impl` value that is a file (optionally `FILE#export`) rather than a built-in design's name. */
export const isImplementationFile = (value: string): boolean => {
  const { file } = splitExport(value);
  return /[\\/]/.test(file) || /\.(ts|mts|cts|js|mjs|cjs)$/.test(file);
};

/**
 * Loads a team's own implementation file: every export that looks like an implementation (or the
 * default export), or only the one `FILE#export` names, is decoded, so that a missing field is
 * reported by name instead of failing mid-run.
 */
export const loadImplementations = async (value: string): Promise<ReadonlyArray<AnyImplementation>> => {
  const { file, exportName } = splitExport(value);
  const exports = await selectedExports("--impl", value);
  if (exportName !== undefined && !looksLikeImplementation(exports[0]?.[1]))
    throw new UsageError(`--impl ${value}: export "${exportName}" is not an implementation (an object with family, name, design, backend, claim and create)`);
  const candidates = exports.filter(([, exported]) => looksLikeImplementation(exported));
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
