import type { Mode, Verdict } from "../engine/random/check.js";
import { errorText } from "../engine/blame.js";
import { verdictLine, verdictReport, verdictTitle } from "../engine/report/verdict-text.js";
import { backendNamed } from "../backends/index.js";
import { verify } from "../properties/verify.js";
import { runExhaustive } from "./exhaustive-command.js";
import { progressLine, RunProgress } from "./progress.js";
import { replayCommand } from "./replay.js";
import { selectTargets, type Target } from "./targets.js";
import { eventualCheckTitle, type EventualTarget, selectEventualTargets, verifyEventualOne } from "./verify-eventual.js";
import type { VerifyFlags } from "./verify-options.js";

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/** Runs the selected matrix, one backend session at a time, and prints one verdict per cell. */
export const runVerify = async (flags: VerifyFlags): Promise<number> => {
  if (flags.exhaustive) return runExhaustive(flags);
  const eventual = selectEventualTargets(flags);
  const targets = await selectTargets(flags, eventual.length);
  const titles = [
    ...targets.map((target) => (mode: Mode) => checkTitle(target, mode)),
    ...eventual.map((target) => (mode: Mode) => eventualCheckTitle(target, mode)),
  ];
  const run = new RunProgress(titles.flatMap((title) => flags.modes.map(title)));
  try {
    return await verifyMatrix(targets, eventual, flags, run);
  } finally {
    run.close();
  }
};

const checkTitle = ({ scenario, implementation }: Target, mode: Mode): string => `${scenario.name} · ${implementation.name} · ${mode}`;

const verifyMatrix = async (targets: ReadonlyArray<Target>, eventual: ReadonlyArray<EventualTarget>, flags: VerifyFlags, run: RunProgress): Promise<number> => {
  const { out } = run;
  const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const strategy = flags.strategy === "preemptions" ? "" : ` · strategy ${flags.strategy}`;
  out(`invariant-lab verify · seed ${seed}${strategy}${flags.seed === undefined ? " (pass --seed to repeat this run exactly)" : ""}`);

  const tally = { expected: 0, unexpected: 0 };
  const byBackend = new Map<string, Target[]>();
  for (const target of targets) byBackend.set(target.implementation.backend, [...(byBackend.get(target.implementation.backend) ?? []), target]);
  // Eventually-consistent designs share their backend's session, after its linearizable ones.
  const eventualByBackend = new Map<string, EventualTarget[]>();
  for (const target of eventual) {
    const name = target.entry.implementation.backend;
    eventualByBackend.set(name, [...(eventualByBackend.get(name) ?? []), target]);
    if (!byBackend.has(name)) byBackend.set(name, []);
  }
  for (const [name, linearizable] of byBackend) {
    const group = [...linearizable, ...(eventualByBackend.get(name) ?? [])];
    if (!run.going) break;
    const backend = backendNamed(name);
    if (backend === undefined) throw new Error(`no backend named ${name}`);
    const asked = flags.backends.includes(name) || flags.implementations.length > 0;
    const missing = asked ? undefined : backend.unavailable?.();
    if (missing !== undefined) {
      out(`\n- not covered: ${group.length * flags.modes.length} checks on ${name}: ${missing}`);
      continue;
    }
    let session;
    try {
      session = run.interruptible(await backend.start());
    } catch (error) {
      out(`✗ backend ${name} could not start: ${errorText(error)}`);
      tally.unexpected += group.length * flags.modes.length;
      continue;
    }
    out(`\n${name}: ${session.description}`);
    try {
      await run.watch(flags.timeLimitMs ?? backend.timeLimitMs);
      for (const target of linearizable) {
        for (const mode of flags.modes) {
          if (!run.going) break;
          const ok = await verifyOne(target, mode, flags, seed, session, run);
          // A check the interrupt cut short has no verdict: it failed because its backend went away.
          if (!run.going) break;
          run.completed(checkTitle(target, mode));
          tally[ok ? "expected" : "unexpected"]++;
        }
      }
      for (const target of eventualByBackend.get(name) ?? []) {
        for (const mode of flags.modes) {
          if (!run.going) break;
          const ok = await verifyEventualOne(target, mode, flags, seed, session, run);
          if (!run.going) break;
          run.completed(eventualCheckTitle(target, mode));
          tally[ok ? "expected" : "unexpected"]++;
        }
      }
    } finally {
      await run.unwatch();
      await session.stop();
    }
  }
  const total = tally.expected + tally.unexpected;
  out(`\n${total} verdict${total === 1 ? "" : "s"}: ${tally.expected} as expected, ${tally.unexpected} unexpected.`);
  return tally.unexpected === 0 ? 0 : 1;
};

const verifyOne = async (
  target: Target,
  mode: Mode,
  flags: VerifyFlags,
  seed: number,
  session: Parameters<typeof verify>[2],
  run: RunProgress,
): Promise<boolean> => {
  const { scenario, implementation } = target;
  const { out } = run;
  const title = checkTitle(target, mode);
  const progress = progressLine(process.stderr, title, () => run.going);
  let verdict: Verdict;
  run.checking = title;
  try {
    verdict = await verify(scenario, implementation, session, {
      mode,
      seed,
      strategy: flags.strategy,
      onProgress: progress.update,
      numRuns: flags.runs,
      path: flags.path,
      timeLimitMs: flags.timeLimitMs,
      linearizabilityBudget: flags.linearizabilityBudget,
    });
  } catch (error) {
    progress.done();
    out(`✗ error     ${title}: ${errorText(error)}`);
    return false;
  }
  progress.done();
  const expected = target.expected[mode];
  const ok = verdict.status === expected;
  const note = ok
    ? expected === "violated"
      ? "  (expected: a known-broken design)"
      : ""
    : target.builtIn
      ? `  ← UNEXPECTED: expected ${expected}`
      : `  ← its claim (${implementation.claim}) does not hold`;
  out(`${verdictLine(verdict)}${note}`);
  // A counterexample's seed and path only mean something under the strategy that generated them.
  const replay = `${replayCommand(verdict, target.implementationArgument)}${flags.strategy === "preemptions" ? "" : ` --strategy ${flags.strategy}`}`;
  if (verdict.status === "violated" && !flags.summary) out(`${indent(verdictReport(verdict, replay))}\n`);
  if (verdict.status === "unknown" && !flags.summary)
    out(`    ${verdictTitle(verdict)}: raise --linearizability-budget (the linearizabilityBudget setting) or shorten the branches`);
  return ok;
};
