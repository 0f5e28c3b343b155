import type { BackendSession } from "../engine/backend.js";
import { DEFAULT_SHAPE, type ProgramShape, SEQUENCED_SHAPE } from "../engine/exhaustive/programs.js";
import type { ProofVerdict } from "../engine/exhaustive/proof.js";
import { verifyExhaustively } from "../properties/verify-exhaustively.js";
import { ms, table, thousands } from "./format.js";
import { pairsOn, pairTitle } from "./pairs.js";
import type { Progress } from "./progress.js";
import { median } from "./stats.js";

/** The largest proof in memory: the most programs, and commits that retry. */
const LARGEST = "group-membership · unit-of-work";

/** Its proof on the domain it was measured on first must take less than this, on one thread. */
const TARGET_MS = 15_000;

/** Each domain is proved this many times, in turns, and the median time kept. */
const ROUNDS = 2;

interface Domain {
  readonly name: string;
  readonly shape: ProgramShape;
  readonly target: boolean;
}

const DOMAINS: ReadonlyArray<Domain> = [
  // One command per task, pairs and triples after 0–1 commands: the default before tasks of two commands.
  { name: "before: 1 command per task", shape: { maxPrefix: 1, minConcurrent: 2, maxConcurrent: 3 }, target: true },
  { name: "default", shape: DEFAULT_SHAPE, target: false },
  { name: "sequenced", shape: SEQUENCED_SHAPE, target: false },
];

interface Row {
  readonly domain: Domain;
  readonly verdicts: ReadonlyArray<ProofVerdict>;
  readonly medianMs: number;
}

/**
 * group-membership · unit-of-work proved on three domains, in this process on one thread (as
 * `verify --exhaustive` with one worker), each twice in turns: the time target of proofs in memory,
 * and what the larger domains cost beside it.
 */
export const largestProofSection = async (session: BackendSession, progress: Progress): Promise<string> => {
  const pair = pairsOn("memory", () => true).find((candidate) => pairTitle(candidate) === LARGEST);
  if (pair === undefined) throw new Error(`the catalogue has no ${LARGEST}`);
  const proved = new Map<Domain, ProofVerdict[]>(DOMAINS.map((domain) => [domain, []]));
  const step = progress(`largest proof · ${LARGEST}`, ROUNDS * DOMAINS.length);
  let done = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const domain of round % 2 === 0 ? DOMAINS : [...DOMAINS].reverse()) {
      proved.get(domain)?.push(await verifyExhaustively(pair.scenario, pair.implementation, session, { shape: domain.shape }));
      step.tick(++done);
    }
  }
  const rows: Row[] = DOMAINS.map((domain) => {
    const verdicts = proved.get(domain) ?? [];
    return { domain, verdicts, medianMs: median(verdicts.map((verdict) => verdict.durationMs)) ?? Infinity };
  });
  step.done(rows.map((row) => `${row.domain.name} ${ms(row.medianMs)}`).join(", "));
  const target = rows.find((row) => row.domain.target);
  const met = target !== undefined && target.verdicts.every((verdict) => verdict.status === "verified") && target.medianMs < TARGET_MS;
  return [
    `### The largest proof in memory: ${LARGEST} on three domains`,
    "",
    `\`verifyExhaustively\` in this process, one thread (as \`verify --exhaustive --workers 1\`), ${ROUNDS} runs per domain in turns; the median time.`,
    "",
    table(
      ["domain", "verdict", "programs", "executions", "time per run", "median"],
      rows.map(({ domain, verdicts, medianMs }) => {
        const first = verdicts[0];
        return [
          domain.name,
          [...new Set(verdicts.map((verdict) => verdict.status))].join(", "),
          thousands(first?.programs ?? 0),
          thousands(first?.executions ?? 0),
          verdicts.map((verdict) => ms(verdict.durationMs)).join(", "),
          ms(medianMs),
        ];
      }),
      ["l", "l", "r", "r", "r", "r"],
    ),
    "",
    `- ${met ? "✓" : "✗"} ${LARGEST} on the domain of before (one command per task) proved in under ${TARGET_MS / 1000} s on one thread: median ${ms(target?.medianMs)}.`,
    "",
  ].join("\n");
};
