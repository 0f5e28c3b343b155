import { step } from "../../engine/step.js";
import type { Table } from "./table.js";

/**
 * Reads every row of `table` that matches, in one await point: the in-memory counterpart of one
 * `SELECT … WHERE`. `where` names the condition in the timeline ("select ticket where flight f1").
 */
export const select = <T>(table: Table<T>, where: string, matches: (row: T, id: string) => boolean): Promise<ReadonlyArray<readonly [string, T]>> =>
  step(`select ${table.noun} where ${where}`, () => table.entries().filter(([id, row]) => matches(row, id)));
