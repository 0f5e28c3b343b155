/**
 * The engine's decisions in an eventually-consistent run, as generated data: each decision picks
 * among the enabled choices (parked tasks and deliverable messages) listed with the one that moved
 * last first, then in creation order. A choice of 0 means "no switch": the default, which also applies
 * once the list runs out, goes on with the current task, else the oldest waiting one (messages first
 * in, first out). Shrinking the list towards zeros removes context switches and reorderings.
 */
export class ChoiceSource {
  private index = 0;

  constructor(private readonly choices: ReadonlyArray<number>) {}

  /** `enabled`: keys in creation order (at least two); `last`: the key that moved last. */
  next(enabled: ReadonlyArray<number>, last: number | undefined): number {
    const current = last !== undefined && enabled.includes(last) ? last : undefined;
    const order = current === undefined ? enabled : [current, ...enabled.filter((key) => key !== current)];
    const choice = this.choices[this.index++] ?? 0;
    return order[choice % order.length] as number;
  }
}
