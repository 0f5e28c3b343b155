import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "./verify-options.js";

/** `FILE#export`: the file, and the one export to take when the value names one. */
export const splitExport = (value: string): { readonly file: string; readonly exportName: string | undefined } => {
  const match = /^(.+)#([A-Za-z_$][\w$]*)$/.exec(value);
  return match === null ? { file: value, exportName: undefined } : { file: match[1] as string, exportName: match[2] };
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
 * Imports a team's file named by `flag` (`--impl`, `--family`): its exports, or a {@link UsageError}
 * naming the flag, the file and why it could not be loaded. A file imported twice (a design file
 * that imports its family, also named by `--family`) is the same module, so its exports are the
 * same objects.
 */
export const importModule = async (flag: string, file: string): Promise<Record<string, unknown>> => {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`${flag} ${file}: no such file (${path})`);
  try {
    await loadsTypeScript(file);
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot load it: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
};

/** The module's exports for `flag FILE#export`: the one export, checked to exist, or all of them. */
export const selectedExports = async (flag: string, value: string): Promise<ReadonlyArray<readonly [string, unknown]>> => {
  const { file, exportName } = splitExport(value);
  const module = await importModule(flag, file);
  if (exportName === undefined) return Object.entries(module);
  if (!(exportName in module))
    throw new UsageError(`${flag} ${value}: ${file} has no export "${exportName}"; its exports: ${Object.keys(module).join(", ") || "none"}`);
  return [[exportName, module[exportName]]];
};
