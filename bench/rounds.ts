import { median } from "./stats.js";

/** What one contender ran: the same batch once per timed round, and how many executions failed. */
export interface Rate {
  readonly batch: number;
  readonly roundMs: ReadonlyArray<number>;
  readonly executions: number;
  readonly failures: number;
}

/** One of the contenders timed side by side. */
export interface Contender<Name extends string> {
  readonly name: Name;
  /** Runs execution number `index` of round `round` (round 0 warms up); true when it failed. */
  readonly run: (round: number, index: number) => Promise<boolean>;
}

/**
 * Executions per second over the median round: a round that another process slowed down moves a
 * total, not a median.
 */
export const perSecond = (rate: Rate): number => {
  const ms = median(rate.roundMs);
  return ms === undefined || ms === 0 ? 0 : (rate.batch * 1000) / ms;
};

/**
 * Every contender runs the batch once per round, in turns, for one warm-up round (JIT, pools, a
 * server's caches; not counted) and `rounds` timed ones. The order is reversed every other round so
 * that no contender always runs right after the same other one.
 */
export const timeRounds = async <Name extends string>(
  contenders: ReadonlyArray<Contender<Name>>,
  batch: number,
  rounds: number,
  tick: (round: number) => void,
): Promise<Readonly<Record<Name, Rate>>> => {
  const timed = new Map(contenders.map((contender) => [contender.name, { roundMs: [] as number[], failures: 0 }]));
  for (let round = 0; round <= rounds; round++) {
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const started = performance.now();
      let failures = 0;
      for (let index = 0; index < batch; index++) if (await contender.run(round, index)) failures++;
      const ms = performance.now() - started;
      const rate = timed.get(contender.name);
      if (round > 0 && rate !== undefined) {
        rate.roundMs.push(ms);
        rate.failures += failures;
      }
    }
    tick(round);
  }
  const rates = {} as Record<Name, Rate>;
  for (const [name, { roundMs, failures }] of timed) rates[name] = { batch, roundMs, executions: batch * roundMs.length, failures };
  return rates;
};
