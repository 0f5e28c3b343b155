/**
 * How many times one task may take the same step (by label) in one uninterrupted stretch while other
 * tasks could move, before the engine offers only the others.
 */
export const SPIN_LIMIT = 3;

/**
 * A fairness bound in the spirit of CHESS (Musuvathi and Qadeer, *Fair stateless model checking*,
 * PLDI 2008): a task that keeps retrying (a try-lock, a retry on conflict) while another could make
 * progress is switched away from, so that a spin loop through `step()` neither starves the others
 * nor grows the search without end. CHESS lowers the priority of a task that yields; here a task
 * that already took its pending step's label {@link SPIN_LIMIT} times since another task last moved,
 * each time with others enabled, is not offered while others are. Such a switch is forced, not a
 * preemption. Deterministic: it depends only on the steps taken, so replays make the same choices.
 */
export class Fairness {
  private task: number | undefined;
  private counts = new Map<string, number>();

  /** The tasks the decision source may choose among. */
  offer(enabled: ReadonlyArray<number>, labelOf: (task: number) => string): ReadonlyArray<number> {
    const spinner = this.task;
    if (spinner === undefined || enabled.length < 2 || !enabled.includes(spinner)) return enabled;
    return (this.counts.get(labelOf(spinner)) ?? 0) < SPIN_LIMIT ? enabled : enabled.filter((task) => task !== spinner);
  }

  /** `task` takes the step `label`; `contested`: another task could have moved instead. */
  took(task: number, label: string, contested: boolean): void {
    if (task !== this.task) {
      this.task = task;
      this.counts = new Map();
    }
    if (contested) this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }
}
