import { step } from "../../engine/step.js";
import type { Table } from "./table.js";

/**
 * Reads every row of `table` that matches, in one await point: the in-memory counterpart of one
 * `SELECT … WHERE`. `where` names the condition in the timeline ("select ticket where flight f1").
 * It declares a read of every row (`ticket *`): a scan depends on all of them, rows not yet stored
 * included, and every write to a Table declares the row's key, so any write to the table conflicts.
 */
export const select = <T>(table: Table<T>, where: string, matches: (row: T, id: string) => boolean): Promise<ReadonlyArray<readonly [string, T]>> =>
  step(`select ${table.noun} where ${where}`, () => table.entries().filter(([id, row]) => matches(row, id)), undefined, { reads: [table.key("*")] });
