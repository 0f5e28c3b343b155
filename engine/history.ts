/**
 * The record of one run, Jepsen-style: every command's invocation and completion on a logical clock,
 * and every step taken in between. Logical time, never wall-clock time, orders the events.
 */

export interface Operation<Command, Outcome> {
  readonly id: number;
  readonly task: string;
  readonly command: Command;
  /** The command as reports write it, e.g. `join(u1, g1)`. */
  readonly text: string;
  readonly invokedAt: number;
  /** Absent while the command is in flight or when it never completed. */
  completedAt?: number;
  outcome?: Outcome;
}

export type TimelineEvent =
  | { readonly kind: "invoke"; readonly at: number; readonly task: string; readonly operation: number; readonly text: string }
  | {
      readonly kind: "step";
      readonly at: number;
      readonly task: string;
      readonly label: string;
      /** True when the engine switched to this task although the previous one could have gone on. */
      readonly preempted: boolean;
      result?: string;
      /** Tasks whose locks this step waited for. */
      waitedFor?: ReadonlyArray<string>;
    }
  | { readonly kind: "complete"; readonly at: number; readonly task: string; readonly operation: number; readonly text: string }
  | { readonly kind: "note"; readonly at: number; readonly task: string; readonly text: string };

/** The task that applies a scenario's starting state; reports show it as one line, not step by step. */
export const START_TASK = "from";

export class History<Command, Outcome> {
  readonly operations: Array<Operation<Command, Outcome>> = [];
  readonly timeline: TimelineEvent[] = [];
  /** The scenario's starting state, when it has one: its summary, and whether the run got past it. */
  start: { readonly summary: string; reached: boolean } | undefined;
  private clock = 0;

  invoke(task: string, command: Command, text: string): Operation<Command, Outcome> {
    const operation: Operation<Command, Outcome> = { id: this.operations.length, task, command, text, invokedAt: this.tick() };
    this.operations.push(operation);
    this.timeline.push({ kind: "invoke", at: operation.invokedAt, task, operation: operation.id, text });
    return operation;
  }

  complete(operation: Operation<Command, Outcome>, outcome: Outcome, text: string): void {
    operation.completedAt = this.tick();
    operation.outcome = outcome;
    this.timeline.push({ kind: "complete", at: operation.completedAt, task: operation.task, operation: operation.id, text });
  }

  step(task: string, label: string, preempted: boolean): void {
    this.timeline.push({ kind: "step", at: this.tick(), task, label, preempted });
  }

  /** Attaches what a step read or returned to that task's latest step. */
  result(task: string, result: string): void {
    const event = this.lastStep(task);
    if (event !== undefined) event.result = result;
  }

  waited(task: string, blockers: ReadonlyArray<string>): void {
    const event = this.lastStep(task);
    if (event !== undefined) event.waitedFor = [...new Set([...(event.waitedFor ?? []), ...blockers])];
  }

  note(task: string, text: string): void {
    this.timeline.push({ kind: "note", at: this.tick(), task, text });
  }

  private lastStep(task: string): Extract<TimelineEvent, { kind: "step" }> | undefined {
    for (let i = this.timeline.length - 1; i >= 0; i--) {
      const event = this.timeline[i];
      if (event?.kind === "step" && event.task === task) return event;
    }
    return undefined;
  }

  private tick(): number {
    return ++this.clock;
  }
}
