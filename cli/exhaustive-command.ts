import { namedShapes } from "../engine/exhaustive/programs.js";
import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import { proofLine, proofReport, proofTitle } from "../engine/report/proof-report.js";
import { headline } from "../engine/report/failure-text.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import type { ProgramExplorer } from "../engine/exhaustive/explorer.js";
import { replayProof } from "../engine/exhaustive/replay.js";
import { encodeReplay } from "../engine/exhaustive/replay-token.js";
import { drawTimeline } from "../engine/report/timeline.js";
import { reportedProof } from "../engine/report/html/entry.js";
import { expectationNote, expectationText, KNOWN_BROKEN } from "./check-result.js";
import { HtmlReportFile } from "./html-report-file.js";
import { backendNamed } from "../backends/index.js";
import { sessionSettings } from "../properties/verify.js";
import { proofDomain, verifyExhaustively } from "../properties/verify-exhaustively.js";
import { progressLine, RunProgress } from "./progress.js";
import { type Shard, shardText } from "../engine/shard.js";
import { type CheckResult, proofSummary, runIdentity, writeShardResult } from "./shard-result.js";
import { WorkerPool } from "./workers/pool.js";
import { poolExplorer } from "./workers/pool-explorer.js";
import { selectTargets, type Target } from "./targets.js";
import { UsageError, type VerifyFlags } from "./verify-options.js";

type Out = (line: string) => void;

const indent = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `    ${line}`))
    .join("\n");

/** `2, 6, 10…`: the positions (from 1) a shard takes. */
const shardRun = ({ index, count }: Shard): string => `${index}, ${index + count}, ${index + 2 * count}…`;

const header = (flags: VerifyFlags): string => {
  const bound = flags.preemptionBound === undefined ? "every interleaving" : `interleavings with ≤${flags.preemptionBound} preemptions`;
  const reduction = flags.reduction && flags.preemptionBound === undefined ? "partial-order reduction (source sets, sleep sets)" : "no reduction";
  const budget =
    flags.budget === undefined
      ? "no budget"
      : flags.budget.seconds !== undefined
        ? `budget ${flags.budget.seconds} s`
        : `budget ${flags.budget.executions} executions`;
  const shard = flags.shard.count === 1 ? "" : ` · shard ${shardText(flags.shard)} (programs ${shardRun(flags.shard)} of each domain)`;
  const workers = flags.workers === 1 || flags.replay !== undefined ? "" : ` · ${flags.workers} worker threads`;
  return `invariant-lab verify --exhaustive · ${flags.domain} domain · ${bound} · ${reduction} · ${budget}${shard}${workers}`;
};

/** `verify --exhaustive`: a proof or a minimal counterexample for every selected (scenario, design) pair. */
export const runExhaustive = async (flags: VerifyFlags): Promise<number> => {
  // A server's executions are thousands of times slower and its statements declare no accesses:
  // without a filter, prove what can be proved in minutes, the in-memory designs.
  const inMemoryByDefault = flags.backends.length === 0 && flags.implementations.length === 0 ? { ...flags, backends: ["memory"] } : flags;
  const targets = await selectTargets(inMemoryByDefault);
  if (flags.replay !== undefined && targets.length !== 1) throw new UsageError("--replay needs exactly one --scenario and one --impl (as printed beside it)");
  const html = HtmlReportFile.open(flags.html);
  const run = new RunProgress(targets.map(proofTitleOf));
  // Workers select the matrix again from the same flags, so that a target's number means the same to all.
  const pool = flags.workers > 1 && flags.replay === undefined ? WorkerPool.start(flags.workers, inMemoryByDefault) : undefined;
  const results: CheckResult[] = [];
  try {
    const status = await proveMatrix(targets, flags, run, pool, results, html);
    if (flags.shardResult !== undefined && run.going)
      await writeShardResult(flags.shardResult, runIdentity(flags, targets.map(proofTitleOf), undefined), flags.shard, results);
    return status;
  } finally {
    if (!run.going) pool?.stop();
    await pool?.close();
    run.close();
  }
};

const expectedProof = (target: Target): "verified" | "violated" => (target.expected.concurrent === "passed" ? "verified" : "violated");

const proofTitleOf = ({ scenario, implementation }: Target): string => `${scenario.name} · ${implementation.name} · exhaustive`;

const proveMatrix = async (
  targets: ReadonlyArray<Target>,
  flags: VerifyFlags,
  run: RunProgress,
  pool: WorkerPool | undefined,
  results: CheckResult[],
  html: HtmlReportFile | undefined,
): Promise<number> => {
  const { out } = run;
  out(header(flags));
  const tally = { expected: 0, unexpected: 0, skipped: 0 };
  const byBackend = new Map<string, Target[]>();
  for (const target of targets) byBackend.set(target.implementation.backend, [...(byBackend.get(target.implementation.backend) ?? []), target]);
  for (const [name, group] of byBackend) {
    if (!run.going) break;
    const backend = backendNamed(name);
    if (backend === undefined) throw new Error(`no backend named ${name}`);
    let session: BackendSession;
    try {
      session = run.interruptible(await backend.start());
    } catch (error) {
      const line = `✗ backend ${name} could not start: ${errorText(error)}`;
      out(line);
      tally.unexpected += group.length;
      for (const target of group) html?.error(target, "exhaustive", `backend ${name} could not start: ${errorText(error)}`);
      for (const target of group)
        results.push({
          check: proofTitleOf(target),
          expected: expectedProof(target),
          status: "error",
          ok: false,
          lines: [`${line} (${proofTitleOf(target)})`],
        });
      continue;
    }
    out(`\n${name}: ${session.description}`);
    try {
      await run.watch(flags.timeLimitMs ?? backend.timeLimitMs);
      for (const target of group) {
        if (!run.going) break;
        run.checking = proofTitleOf(target);
        const lines: string[] = [];
        const collect = (line: string) => {
          lines.push(line);
          out(line);
        };
        const explorer = pool === undefined ? undefined : poolExplorer(pool, targets.indexOf(target));
        const proved =
          flags.replay === undefined
            ? await proveOne(target, flags, session, run, collect, explorer, html)
            : { result: await replayOne(target, flags, flags.replay, session, out, html), verdict: undefined };
        const { result, verdict } = proved;
        results.push({
          check: proofTitleOf(target),
          expected: expectedProof(target),
          status: verdict?.status ?? result,
          ok: result !== "unexpected",
          lines,
          ...(verdict === undefined ? {} : { proof: proofSummary(verdict) }),
        });
        // A proof the interrupt cut short has no verdict: it failed because its backend went away.
        if (!run.going) break;
        run.completed(proofTitleOf(target));
        tally[result]++;
      }
    } finally {
      await run.unwatch();
      await session.stop();
    }
  }
  const skipped = tally.skipped === 0 ? "" : `, ${tally.skipped} skipped (no proof domain)`;
  out(`\n${tally.expected + tally.unexpected} verdicts: ${tally.expected} as expected, ${tally.unexpected} unexpected${skipped}.`);
  if (html !== undefined && run.going) out(html.write(header(flags)));
  return tally.unexpected === 0 ? 0 : 1;
};

const replayCommand = (verdict: ProofVerdict, target: Target): string => {
  const example = verdict.counterexample;
  const token = example === undefined ? "" : encodeReplay({ program: example.program, decisions: example.decisions });
  const family = target.familyArgument === undefined ? "" : ` --family ${target.familyArgument}`;
  return `npx invariant-lab verify --exhaustive --scenario ${verdict.scenario} --impl ${target.implementationArgument}${family} --replay ${token}`;
};

type Proved = { readonly result: "expected" | "unexpected" | "skipped"; readonly verdict: ProofVerdict | undefined };

const proveOne = async (
  target: Target,
  flags: VerifyFlags,
  session: BackendSession,
  run: RunProgress,
  out: Out,
  explorer: ProgramExplorer | undefined,
  html: HtmlReportFile | undefined,
): Promise<Proved> => {
  const { scenario, implementation } = target;
  const title = proofTitleOf(target);
  if (proofDomain(scenario, target.family) === undefined) {
    out(`- skipped   ${title}: family ${scenario.model.family} declares no proof domain`);
    html?.notMade(`${title}: family ${scenario.model.family} declares no proof domain`);
    return { result: "skipped", verdict: undefined };
  }
  const options = {
    shape: namedShapes[flags.domain],
    reduction: flags.reduction,
    preemptionBound: flags.preemptionBound,
    budget: flags.budget,
    timeLimitMs: flags.timeLimitMs,
    linearizabilityBudget: flags.linearizabilityBudget,
    shard: flags.shard,
    explorer,
    family: target.family,
  };
  const progress = progressLine(process.stderr, flags.workers === 1 ? title : `${title} on ${flags.workers} workers`, () => run.going);
  let verdict: ProofVerdict;
  let full: ProofVerdict | undefined;
  try {
    verdict = await verifyExhaustively(scenario, implementation, session, { ...options, onProgress: progress.update });
    if (flags.measureReduction && verdict.status === "verified")
      full = await verifyExhaustively(scenario, implementation, session, { ...options, reduction: false, onProgress: progress.update });
  } catch (error) {
    progress.done();
    out(`✗ error     ${title}: ${errorText(error)}`);
    html?.error(target, "exhaustive", errorText(error));
    return { result: "unexpected", verdict: undefined };
  }
  progress.done();
  const expected = target.expected.concurrent === "passed" ? "verified" : "violated";
  // A known-broken design's race lies in some shard's programs, not in each: merging the shards judges it.
  const partHolds = flags.shard.count > 1 && expected === "violated" && verdict.status === "verified";
  const ok = verdict.status === expected || partHolds;
  const expectation = partHolds
    ? "a known-broken design: its counterexample is in another shard's programs; merge the shards for its verdict"
    : expectationText({ ok, expected, builtIn: target.builtIn, failed: `its claim (${implementation.claim}) is not proved` });
  out(`${proofLine(verdict, full?.status === "verified" ? full.executions : undefined)}${expectationNote(ok, expectation)}`);
  if (full !== undefined && full.status !== "verified") out(`    without reduction: ${proofLine(full)}`);
  // A known-broken design caught as expected is one line; its report is for --verbose.
  if (verdict.status === "violated" && !flags.summary && (flags.verbose || !ok)) out(`${indent(proofReport(verdict, replayCommand(verdict, target)))}\n`);
  html?.add(reportedProof(verdict, replayCommand(verdict, target), { asExpected: ok, expectation }));
  return { result: ok ? "expected" : "unexpected", verdict };
};

const replayOne = async (
  target: Target,
  flags: VerifyFlags,
  token: string,
  session: BackendSession,
  out: Out,
  html: HtmlReportFile | undefined,
): Promise<"expected" | "unexpected"> => {
  const { scenario, implementation } = target;
  let replayed;
  try {
    replayed = await replayProof(
      scenario,
      implementation,
      token,
      sessionSettings(implementation, session, { timeLimitMs: flags.timeLimitMs, linearizabilityBudget: flags.linearizabilityBudget }),
    );
  } catch (error) {
    throw new UsageError(`--replay: ${errorText(error)}`);
  }
  if (replayed.verdict === undefined) {
    out(`✓ the replayed execution passed on ${scenario.name} · ${implementation.name}:\n\n${indent(drawTimeline(replayed.execution.history.timeline))}`);
    return target.expected.concurrent === "passed" ? "expected" : "unexpected";
  }
  const failure = replayed.execution.failure;
  out(`✗ replayed  ${proofTitle(replayed.verdict)}: ${failure === undefined ? "" : headline(failure)}`);
  out(`${indent(proofReport(replayed.verdict, replayCommand(replayed.verdict, target), true))}\n`);
  const asExpected = target.expected.concurrent === "violated";
  html?.add(reportedProof(replayed.verdict, replayCommand(replayed.verdict, target), { asExpected, expectation: asExpected ? KNOWN_BROKEN : "" }, true));
  return asExpected ? "expected" : "unexpected";
};
