import type { BlockingProbe } from "../backend.js";
import type { Failure } from "../failure.js";
import type { DecisionSource, TaskPosition } from "../schedule/decision-source.js";
import type { History } from "../history.js";
import { type Access, runControlled } from "../step.js";
import { ControlledTask, type Deadline, Signal } from "../tasks.js";
import { type Bus, type DeliveryContext, type PendingDelivery, showPayload } from "./bus.js";
import { errorText, type EventualFailure, EventualFault } from "./failure.js";
import { faultMark } from "./faults.js";

/** What the scheduler needs from its run. */
export interface SchedulerContext<Command, Outcome> {
  readonly history: History<Command, Outcome>;
  readonly bus: Bus;
  readonly deadline: Deadline;
  /** Random mode: a `ChoiceSource`; proof mode: a path of the decision tree. */
  readonly choices: DecisionSource;
  readonly settleSteps: number;
  /** Tells a task waiting for a lock from one still working (PostgreSQL); without it every running task is working. */
  readonly probe?: BlockingProbe;
  /** Ends what a crashed handler holds (its connection, so that its transaction rolls back). */
  readonly abandon?: (task: string) => Promise<void>;
  /** A failure a task, the bus or a settlement raised, if any. */
  readonly raised: () => EventualFailure | undefined;
  readonly raise: (failure: EventualFailure) => void;
  readonly nextKey: () => number;
  /** One step of logical time passes. */
  readonly tick: () => void;
  readonly advanceTo: (time: number) => void;
  /** Reads the stored state and checks the invariants the design keeps at every moment. */
  readonly checkKept: () => Promise<EventualFailure | undefined>;
  /** Makes one request in `task`: invocation, the design's acceptance, the `requested` note. */
  readonly request: (task: ControlledTask, command: Command, index: number, exact: boolean) => Promise<void>;
}

/** A started task: a request branch, or a handler handling one delivery. */
interface Live {
  readonly key: number;
  /** Unique in the run (a backend ties connections to it); `lane` is the timeline's column. */
  readonly task: ControlledTask;
  readonly lane: string;
  readonly delivery?: DeliveryContext;
}

type Choice = { readonly key: number; readonly live: Live } | { readonly key: number; readonly pending: PendingDelivery };

/** Where each choice stands, by key: a task at its step, a delivery by its attempt (a replay that finds others has diverged). */
const positionsOf = (options: ReadonlyArray<Choice>): ReadonlyArray<TaskPosition> => {
  const positions: TaskPosition[] = [];
  for (const option of options)
    positions[option.key] =
      "live" in option
        ? { command: option.live.task.commandIndex, step: option.live.task.step, state: "parked" }
        : { command: -2, step: option.pending.attempt };
  return positions;
};

/**
 * The loop of an eventually-consistent run: request tasks and message deliveries are choices of one
 * decision source, so the timing of every delivery is explored, shrunk and replayed like a preemption.
 * Once the round's requests are all accepted it keeps going (the settle phase) until nothing is left
 * to deliver or run, or its bound is reached.
 */
export class Scheduler<Command, Outcome> {
  decisions = 0;
  switches = 0;
  readonly settleStarts: number[] = [];
  private readonly changed = new Signal();
  private live: Live[] = [];
  /** Lanes of every task started, finished ones included (a result may be recorded after it is gone). */
  private readonly lanes = new Map<string, string>();

  constructor(private readonly context: SchedulerContext<Command, Outcome>) {}

  /** Runs the branches' requests and every delivery they cause; the first failure, or undefined once settled. */
  async round(branches: ReadonlyArray<ReadonlyArray<Command>>, name: (index: number) => string, exact: boolean): Promise<EventualFailure | undefined> {
    const { history, bus, choices } = this.context;
    const requesters = branches.map((commands, index) => {
      const task = new ControlledTask(name(index), this.changed);
      this.live.push({ key: this.context.nextKey(), task, lane: task.name });
      this.start(task, async () => {
        for (const [at, command] of commands.entries()) await this.context.request(task, command, at, exact);
      });
      return task;
    });
    let last: number | undefined;
    let readOnly = false;
    let settling: number | undefined;
    for (let steps = 0; ; steps++) {
      await this.quiet();
      const raised = this.context.raised();
      if (raised !== undefined) return raised;
      this.context.deadline.check();
      await this.crashDue();
      if (settling === undefined && requesters.every((task) => task.state === "done")) {
        settling = steps;
        this.settleStarts.push(history.timeline.length);
      }
      if (settling !== undefined && steps - settling >= this.context.settleSteps)
        return { kind: "does-not-settle", steps: steps - settling, pending: this.pending() };
      const violated = readOnly ? undefined : await this.context.checkKept();
      if (violated !== undefined) return violated;
      const options: Choice[] = [
        ...this.live.filter(({ task }) => task.state === "parked").map((live) => ({ key: live.key, live })),
        ...bus.deliverable().map((pending) => ({ key: pending.key, pending })),
      ].sort((a, b) => a.key - b.key);
      if (options.length === 0) {
        if (bus.unblock(this.context.advanceTo)) continue;
        // Tasks waiting for locks that no live task holds would wait for ever: report them as hung.
        if (this.live.some(({ task }) => task.state === "running")) return this.hung(this.context.deadline.limitMs);
        return undefined;
      }
      let chosen = options[0] as Choice;
      if (options.length > 1) {
        this.decisions++;
        const key = choices.next(
          options.map((option) => option.key),
          last,
          positionsOf(options),
        );
        chosen = options.find((option) => option.key === key) ?? chosen;
      }
      const preempted = last !== undefined && last !== chosen.key && options.some((option) => option.key === last);
      if (preempted) this.switches++;
      last = chosen.key;
      this.context.tick();
      if ("live" in chosen) {
        const { task, delivery, lane } = chosen.live;
        history.step(lane, delivery === undefined ? task.label : `${delivery.delivery.message.id}: ${task.label}`, preempted);
        readOnly = task.access !== undefined && (task.access.writes ?? []).length === 0;
        task.release();
      } else {
        readOnly = false;
        this.deliver(chosen.pending, preempted);
      }
    }
  }

  /** The timeline column of a task by its name: a handler's is its participant. */
  laneOf(task: string): string {
    return this.live.find((live) => live.task.name === task)?.lane ?? this.lanes.get(task) ?? task;
  }

  /** The run's time limit struck: what every unfinished task was doing. */
  hung(limitMs: number): Failure {
    return {
      kind: "hung",
      limitMs,
      tasks: this.live
        .filter(({ task }) => task.state !== "done")
        .map(({ task }) => ({
          task: task.name,
          command: task.command,
          state: task.state === "running" && this.context.probe !== undefined ? "blocked" : task.state,
          label: task.label,
        })),
    };
  }

  private deliver(pending: PendingDelivery, preempted: boolean): void {
    const { history, bus } = this.context;
    const { message, participant } = pending;
    bus.take(pending);
    const again = pending.duplicate ? ` ${faultMark.duplicate} duplicate` : pending.attempt > 1 ? " (redelivered)" : "";
    history.step(participant, `${message.id} ⇠ ${message.topic} ${showPayload(message.payload)}${again}`, preempted);
    // Named after the delivery, so that a backend tells apart two handlers of one participant.
    const base = `${participant} ${message.id}${pending.duplicate ? " twice" : ""}${pending.attempt > 1 ? ` again ${pending.attempt}` : ""}`;
    let name = base;
    for (let other = 2; this.lanes.has(name); other++) name = `${base} (${other})`;
    this.lanes.set(name, participant);
    const task = new ControlledTask(name, this.changed);
    task.startCommand(0, `${message.id} ${message.topic}`);
    const delivery: DeliveryContext = { delivery: pending, crashAtPark: false, sending: false };
    this.live.push({ key: pending.key, task, lane: participant, delivery });
    this.start(task, () => bus.context.run(delivery, () => pending.handler({ id: message.id, topic: message.topic, payload: message.payload })));
  }

  private start(task: ControlledTask, body: () => Promise<unknown>): void {
    const { history } = this.context;
    const host = {
      task: task.name,
      arrive: (label: string, access?: Access) => task.park(label, access),
      record: (_label: string, result: string) => history.result(this.laneOf(task.name), result),
    };
    runControlled(host, body).then(
      () => task.finish(),
      (error: unknown) => {
        this.context.raise(
          error instanceof EventualFault ? error.failure : { kind: "threw", task: task.name, command: task.command, message: errorText(error) },
        );
        task.finish();
      },
    );
  }

  /** Crashes the handlers a fault strikes where they now park: their uncommitted work is lost, their message comes again. */
  private async crashDue(): Promise<void> {
    const { history, bus } = this.context;
    for (const live of [...this.live]) {
      const { task, delivery } = live;
      if (delivery === undefined || task.state !== "parked") continue;
      const { message, attempt } = delivery.delivery;
      const fault = attempt === 1 && !delivery.sending ? bus.crashAt(message.index, task.step + 1) : undefined;
      if (!delivery.crashAtPark && fault === undefined) continue;
      const mark = delivery.crashAtPark ? faultMark["crash-before-send"] : faultMark.crash;
      history.note(live.lane, `${mark} ${message.id} handler crashed before "${task.label}": uncommitted work lost`);
      this.live = this.live.filter((other) => other !== live);
      if (this.context.abandon !== undefined) await Promise.race([this.context.abandon(task.name), this.context.deadline.expired]);
      bus.redeliver(delivery.delivery);
    }
    this.live = this.live.filter(({ task }) => task.state !== "done");
  }

  private pending(): ReadonlyArray<string> {
    const parked = this.live
      .filter(({ task }) => task.state !== "done")
      .map(({ task, delivery }) => `${task.name}${delivery === undefined ? "" : ` handling ${delivery.delivery.message.id}`} at "${task.label}"`);
    return [...this.context.bus.describePending(), ...parked];
  }

  /** Waits until no task is working: each is parked, done, or (with a probe) waiting for a lock another task holds. */
  private async quiet(): Promise<void> {
    const { probe, deadline, history } = this.context;
    for (;;) {
      const running = this.live.filter(({ task }) => task.state === "running");
      if (running.length === 0) return;
      if (probe !== undefined && (running.length > 1 || this.live.some(({ task }) => task.state === "parked"))) {
        const blocked = await Promise.race([probe.blocked(running.map(({ task }) => task.name)), deadline.expired]);
        if (running.every(({ task }) => blocked.has(task.name))) {
          for (const { task, lane } of running) history.waited(lane, blocked.get(task.name) ?? []);
          return;
        }
      }
      const poll = probe === undefined ? [] : [new Promise<void>((resolve) => setTimeout(resolve, probe.pollMs))];
      await Promise.race([this.changed.wait(), deadline.expired, ...poll]);
    }
  }
}
