import type { BackendSession } from "../engine/backend.js";
import { errorText } from "../engine/blame.js";
import { type CostedDesign, type CostFigures, type CostSettings, measureCost } from "../engine/cost/measure.js";
import { type CostRow, costTable } from "../engine/cost/table.js";
import type { AnyScenario } from "../engine/reference-model.js";
import { backendNamed } from "../backends/index.js";
import type { AnyFamily } from "../properties/define-family.js";
import { succeededIn } from "../properties/eventual/successes.js";
import { familyOfImplementation } from "../properties/verify.js";
import type { CostFlags } from "./cost-options.js";
import { selectTargets } from "./targets.js";
import { selectEventualTargets } from "./verify-eventual.js";
import { parseVerifyFlags, UsageError } from "./verify-options.js";

/** Backends whose rollbacks the meter hears (engine/cost/meter.ts). */
const COSTED_BACKENDS = ["memory", "postgres"];
/** Commands per design and setting: enough for a stable p99 in memory, a few seconds per design on PostgreSQL. */
const DEFAULT_COMMANDS: Readonly<Record<string, number>> = { memory: 4_000, postgres: 600 };

/** The settings compared side by side: the scenario's own ids, then the ids spread over copies. */
const hotSpots = (flags: CostFlags): ReadonlyArray<{ readonly title: string; readonly copies: number }> => [
  ...(flags.hotSpot === "many" ? [] : [{ title: "one hot spot", copies: 1 }]),
  ...(flags.hotSpot === "one" ? [] : [{ title: `${flags.spread} copies`, copies: flags.spread }]),
];

/** Which outcomes count as successes; unknown for a family that does not list them. */
const successesOf = (family: AnyFamily): ((outcome: unknown) => boolean) | undefined =>
  family.successes === undefined || family.successes.length === 0 ? undefined : succeededIn(family);

/** A line on stderr that shows which design is under load, on a terminal only. */
const progressOf = (title: string, total: number): { readonly update: (answered: number) => void; readonly done: () => void } => {
  if (!process.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  return {
    update: (answered) => {
      if (answered % 50 === 0 || answered === total) process.stderr.write(`\r\x1b[2K  … ${title}: ${answered}/${total} commands`);
    },
    done: () => process.stderr.write("\r\x1b[2K"),
  };
};

/** One design on one scenario, to put under load. */
interface CostTarget {
  readonly scenario: AnyScenario;
  readonly implementation: CostedDesign;
}

/**
 * The designs to cost: correct ones, linearizable and eventually consistent (a broken design's
 * throughput buys nothing), and a team's own files whatever their verdict.
 */
const costedTargets = async (flags: CostFlags): Promise<ReadonlyArray<CostTarget>> => {
  for (const name of flags.backends)
    if (!COSTED_BACKENDS.includes(name)) throw new UsageError(`cost measures designs on ${COSTED_BACKENDS.join(" and ")}, not on ${name}`);
  const selection = { ...parseVerifyFlags([]), scenarios: flags.scenarios, implementations: flags.implementations, backends: flags.backends };
  const named = selectEventualTargets(selection);
  // Told how many eventually-consistent designs the filters name, so that naming only those is no mistake.
  const linearizable = (await selectTargets(selection, named.length)).filter((target) => !target.builtIn || target.expected.concurrent === "passed");
  const eventual = named
    .filter(({ entry }) => entry.expected.concurrent === "passed")
    .map(({ scenario, entry }) => ({ scenario, implementation: entry.implementation }));
  return [...linearizable, ...eventual].filter((target) => COSTED_BACKENDS.includes(target.implementation.backend));
};

const scenarioKey = (scenario: AnyScenario): string => scenario.name;

/**
 * `invariant-lab cost`: the price of each correct design under real concurrency. Unlike `verify`,
 * nothing is gated: `workers` commands run at once and the backend interleaves them as it would in
 * production, so the figures are throughput, latency, refusals and rollbacks, not verdicts.
 */
export const runCost = async (flags: CostFlags): Promise<number> => {
  const targets = await costedTargets(flags);
  if (targets.length === 0) throw new UsageError("no correct design matches these filters (cost measures correct designs on memory and postgres)");
  const settings = hotSpots(flags);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`invariant-lab cost · ${flags.workers} workers · seed ${flags.seed} · ${settings.map((setting) => setting.title).join(" vs ")}`);
  let errors = 0;
  for (const backendName of COSTED_BACKENDS) {
    const group = targets.filter((target) => target.implementation.backend === backendName);
    if (group.length === 0) continue;
    const backend = backendNamed(backendName);
    if (backend === undefined) throw new Error(`no backend named ${backendName}`);
    let session: BackendSession;
    try {
      session = await backend.start();
    } catch (error) {
      out(`✗ backend ${backendName} could not start: ${errorText(error)}`);
      errors++;
      continue;
    }
    const commands = flags.commands ?? DEFAULT_COMMANDS[backendName] ?? 600;
    out(`\n${backendName}: ${session.description} · ${commands} commands per design and setting`);
    try {
      for (const scenarioName of [...new Set(group.map((target) => scenarioKey(target.scenario)))]) {
        const onScenario = group.filter((target) => target.scenario.name === scenarioName);
        const scenario = onScenario[0]?.scenario as AnyScenario;
        const rows: CostRow[] = [];
        const failures: string[] = [];
        for (const { implementation } of onScenario) {
          const family = familyOfImplementation(implementation);
          const figures: CostFigures[] = [];
          for (const setting of settings) {
            const costSettings: CostSettings = {
              workers: flags.workers,
              commands,
              copies: setting.copies,
              seed: flags.seed,
              commandTimeLimitMs: flags.timeLimitMs,
            };
            const progress = progressOf(`${scenario.name} · ${implementation.name} · ${setting.title}`, commands);
            try {
              figures.push(await measureCost(scenario, implementation, family.commands, successesOf(family), session, costSettings, progress.update));
            } catch (error) {
              failures.push(`${implementation.name} (${setting.title}): ${errorText(error)}`);
            } finally {
              progress.done();
            }
          }
          if (figures.length === settings.length) rows.push({ design: implementation.name, figures });
          figures.forEach((figure, index) => {
            if (figure.firstError !== undefined)
              failures.push(`${implementation.name} (${settings[index]?.title ?? ""}): ${figure.errors} errors, first: ${figure.firstError}`);
          });
        }
        out(`\n${scenario.name}: ${scenario.summary}${flags.markdown ? "\n" : ""}`);
        if (rows.length > 0)
          out(
            costTable(
              settings.map((setting) => setting.title),
              rows,
              flags.markdown ? "markdown" : "text",
              backendName !== "memory",
            ),
          );
        for (const failure of failures) out(`  ✗ ${failure}`);
        errors += failures.length;
      }
    } finally {
      await session.stop();
    }
  }
  out(
    "\nrefused: commands answered with a refusal (a limit reached, a conflict given up); rolled back: commands during which the server rolled back a transaction (serialization failure, deadlock); " +
      "an eventually-consistent design's latency runs from the request to its final outcome, its messages delivered on the event loop's next turn",
  );
  return errors === 0 ? 0 : 1;
};
