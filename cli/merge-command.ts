import { parseArgs } from "node:util";
import { checkShards, MergeRefused, mergeShards } from "./merge-shards.js";
import { readShardResult } from "./shard-result.js";
import { UsageError } from "./verify-options.js";

/**
 * `invariant-lab merge FILE…`: the verdict of a run split across jobs (`verify --shard K/N
 * --shard-result FILE` in each), from every shard's result. Refuses (exit status 2) results that are
 * not every shard of one run, each once; otherwise prints the run's verdicts and exits 0 when every
 * one is the expected one, 1 when some is not.
 */
export const runMerge = async (args: ReadonlyArray<string>): Promise<number> => {
  let files: ReadonlyArray<string>;
  try {
    ({ positionals: files } = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: {} }));
  } catch (error) {
    throw new UsageError(`merge takes only the shard result files: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`);
  }
  if (files.length === 0) throw new UsageError("merge needs the shard results to combine: invariant-lab merge FILE… (each written by verify --shard-result)");
  let merged;
  try {
    const results = await Promise.all(files.map(async (file) => ({ ...(await readShardResult(file)), file })));
    checkShards(results);
    merged = { run: results[0]?.run, count: results.length, checks: mergeShards(results) };
  } catch (error) {
    if (error instanceof MergeRefused || error instanceof Error) throw new UsageError(`merge: ${error.message}`);
    throw error;
  }
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const seed = merged.run?.seed === null || merged.run?.seed === undefined ? "" : ` · seed ${merged.run.seed}`;
  write(`invariant-lab merge · ${merged.count} shards of one ${merged.run?.mode ?? ""} run${seed}\n`);
  for (const check of merged.checks) for (const line of check.lines) write(line);
  const verdicts = merged.checks.filter((check) => check.uncounted === undefined);
  const expected = verdicts.filter((check) => check.ok).length;
  const total = verdicts.length;
  const uncounted = new Map<string, number>();
  for (const check of merged.checks) if (check.uncounted !== undefined) uncounted.set(check.uncounted, (uncounted.get(check.uncounted) ?? 0) + 1);
  const others = [...uncounted].map(([why, count]) => `, ${count} ${why}`).join("");
  write(`\n${total} verdict${total === 1 ? "" : "s"}: ${expected} as expected, ${total - expected} unexpected${others}.`);
  return expected === total ? 0 : 1;
};
