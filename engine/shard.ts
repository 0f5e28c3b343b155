/**
 * One part of a run split across CI jobs: the `index`-th of `count` (from 1, as `--shard 2/4` says).
 * The split is by position in a fixed order (the matrix's checks, a domain's programs): item `p`
 * belongs to shard `p mod count + 1`. Every item is in exactly one shard, whatever the count, and
 * dealing items round the shards in turn gives each shard a share of every size of program, so the
 * shards of a proof take about as long as each other.
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole run: one shard of one. */
export const WHOLE: Shard = { index: 1, count: 1 };

/** Whether the item at `position` (from 0) of the fixed order belongs to the shard. */
export const inShard = (position: number, shard: Shard): boolean => position % shard.count === shard.index - 1;

/** The items of a fixed order that belong to the shard, each with its position in the whole order. */
export const shardOf = <T>(items: ReadonlyArray<T>, shard: Shard): ReadonlyArray<{ readonly position: number; readonly item: T }> =>
  items.flatMap((item, position) => (inShard(position, shard) ? [{ position, item }] : []));

/** `2/4` */
export const shardText = (shard: Shard): string => `${shard.index}/${shard.count}`;
