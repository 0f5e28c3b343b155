/** How much an exhaustive search may spend before it stops and says it did not finish. */
export interface Budget {
  readonly executions?: number;
  readonly seconds?: number;
}

/** Counts executions and time against a budget, and remembers which limit stopped the search. */
export class BudgetMeter {
  private readonly started = performance.now();
  executions = 0;
  stoppedBy: "executions" | "time" | undefined;

  constructor(readonly budget: Budget) {}

  /** True while another execution fits; the first refusal records why. */
  allows(): boolean {
    if (this.budget.executions !== undefined && this.executions >= this.budget.executions) this.stoppedBy ??= "executions";
    else if (this.budget.seconds !== undefined && performance.now() - this.started >= this.budget.seconds * 1000) this.stoppedBy ??= "time";
    return this.stoppedBy === undefined;
  }

  /** When a time budget runs out, in milliseconds since the epoch (a clock other threads share). */
  deadline(): number | undefined {
    return this.budget.seconds === undefined ? undefined : Date.now() + this.budget.seconds * 1000 - this.elapsedMs();
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }
}
