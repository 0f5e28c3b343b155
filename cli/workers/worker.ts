import { parentPort, workerData } from "node:worker_threads";
import type { BackendSession } from "../../engine/backend.js";
import { execute, type Program } from "../../engine/execute.js";
import { exploreProgram } from "../../engine/exhaustive/explore-program.js";
import { DEFAULT_SHAPE, namedShapes, programsBySize } from "../../engine/exhaustive/programs.js";
import type { DecisionSource } from "../../engine/schedule/decision-source.js";
import { backendNamed } from "../../backends/index.js";
import { proofDomain } from "../../properties/verify-exhaustively.js";
import { sessionSettings } from "../../properties/verify.js";
import { checkOne } from "../check-one.js";
import { interruptibleSession } from "../interruptible-session.js";
import { selectTargets, type Target } from "../targets.js";
import { type Explored, type Job, type JobResult, Shared, type ToWorker, type FromWorker, type WorkerStart, type WalkRequest } from "./protocol.js";

// A worker thread of `verify --workers N`: it selects the same matrix as the main thread from the
// same flags, starts its own session of each backend it needs, and runs the jobs it is handed.

const port = parentPort;
if (port === null) throw new Error("cli/workers/worker.ts runs as a worker thread of invariant-lab verify");
const { flags, shared } = workerData as WorkerStart;
const cells = new Int32Array(shared);
const send = (message: FromWorker) => port.postMessage(message);
const stopping = () => Atomics.load(cells, Shared.stop) !== 0;

const targets: Promise<ReadonlyArray<Target>> = selectTargets(flags);
// Its failure is reported by the first job that needs the matrix.
targets.catch(() => undefined);
const sessions = new Map<string, Promise<BackendSession>>();
const domains = new Map<number, ReadonlyArray<Program<unknown>>>();

/** This thread's session of a backend, started on first use; it refuses runs once the run is stopping. */
const sessionFor = (name: string): Promise<BackendSession> => {
  const known = sessions.get(name);
  if (known !== undefined) return known;
  const backend = backendNamed(name);
  if (backend === undefined) return Promise.reject(new Error(`no backend named ${name}`));
  const started = backend.start().then((session) => interruptibleSession(session, () => (stopping() ? "interrupted" : undefined)));
  sessions.set(name, started);
  return started;
};

const targetAt = async (index: number): Promise<Target> => {
  const target = (await targets)[index];
  if (target === undefined) throw new Error(`the worker's matrix has no check ${index}: it selected another matrix than the main thread`);
  return target;
};

/** The program at `position` of the target's proof domain, in the order every thread numbers it. */
const programAt = (index: number, target: Target, position: number): Program<unknown> => {
  let programs = domains.get(index);
  if (programs === undefined) {
    const commands = proofDomain(target.scenario) ?? [];
    programs = programsBySize(commands, namedShapes[flags.domain] ?? DEFAULT_SHAPE).flatMap((group) => group.programs);
    domains.set(index, programs);
  }
  const program = programs[position];
  if (program === undefined) throw new Error(`${target.scenario.name} has no program ${position} in its proof domain`);
  return program;
};

/**
 * Whether another execution fits, and if so counts it at once: two workers asking together for the
 * last execution of a budget cannot both get it.
 */
const mayRun = (walk: WalkRequest): boolean => {
  if (stopping() || (walk.deadline !== undefined && Date.now() >= walk.deadline)) return false;
  const before = Atomics.add(cells, Shared.executions, 1);
  if (walk.executionBudget === undefined || before < walk.executionBudget) return true;
  Atomics.sub(cells, Shared.executions, 1);
  return false;
};

const explore = async (target: Target, program: Program<unknown>, walk: WalkRequest): Promise<Explored> => {
  const session = await sessionFor(target.implementation.backend);
  const settings = sessionSettings(target.implementation, session, { timeLimitMs: flags.timeLimitMs, linearizabilityBudget: flags.linearizabilityBudget });
  const run = (source: DecisionSource) => execute(target.scenario, target.implementation, program, source, settings);
  const explored = await exploreProgram(run, {
    reduction: walk.reduction,
    ...(walk.preemptionBound === undefined ? {} : { preemptionBound: walk.preemptionBound }),
    stopAtFailure: true,
    mayRun: () => mayRun(walk),
  });
  const { executions, redundant, undecided, complete, failure } = explored;
  return {
    kind: "explored",
    executions,
    redundant,
    undecided,
    complete,
    ...(failure === undefined ? {} : { failure: { decisions: failure.decisions, executions: failure.executions } }),
  };
};

/** Progress of a random check, sent now and then: a message per run would cost more than the run. */
const progressOf = (id: number) => {
  let shown = 0;
  return (runs: number) => {
    if (runs - shown < 25) return;
    shown = runs;
    send({ kind: "progress", id, count: runs });
  };
};

const runJob = async (id: number, job: Job): Promise<JobResult> => {
  const target = await targetAt(job.target);
  if (job.kind === "explore") return explore(target, programAt(job.target, target, job.position), job.walk);
  const lines: string[] = [];
  const session = await sessionFor(target.implementation.backend);
  const result = await checkOne(target, job.mode, flags, job.seed, session, (line) => lines.push(line), progressOf(id));
  return { kind: "checked", lines, ok: result.asExpected };
};

const close = async () => {
  await Promise.allSettled([...sessions.values()].map(async (session) => (await session).stop()));
  send({ kind: "closed" });
  port.close();
};

port.on("message", (message: ToWorker) => {
  if (message.kind === "close") {
    void close();
    return;
  }
  runJob(message.id, message.job).then(
    (result) => send({ kind: "done", id: message.id, result }),
    (error: unknown) => send({ kind: "failed", id: message.id, message: error instanceof Error ? error.message : String(error) }),
  );
});
