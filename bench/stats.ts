/** Summaries over seeds. Medians and worst cases only: means hide the slow tail that matters here. */

/** The middle value, or the mean of the two middle ones for an even count; undefined when empty. */
export const median = (values: ReadonlyArray<number>): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const low = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  const high = sorted[Math.ceil((sorted.length - 1) / 2)] as number;
  // Infinity stands for "not found": the mean of a finite value and Infinity must stay Infinity.
  return low === high ? low : (low + high) / 2;
};

/** The largest value; undefined when empty. */
export const worst = (values: ReadonlyArray<number>): number | undefined => (values.length === 0 ? undefined : Math.max(...values));

/** The share of `items` that satisfy `test`, from 0 to 1; undefined when empty. */
export const share = <T>(items: ReadonlyArray<T>, test: (item: T) => boolean): number | undefined =>
  items.length === 0 ? undefined : items.filter(test).length / items.length;

/** The item with the largest `key`; undefined when empty. */
export const worstBy = <T>(items: ReadonlyArray<T>, key: (item: T) => number): T | undefined =>
  items.reduce<T | undefined>((found, item) => (found === undefined || key(item) > key(found) ? item : found), undefined);

/** `ours / theirs`, undefined when either side is missing, infinite or zero. */
export const ratio = (ours: number | undefined, theirs: number | undefined): number | undefined =>
  ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0 ? undefined : ours / theirs;
