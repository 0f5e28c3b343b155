import { loadavg } from "node:os";
import { memoryBackend } from "../backends/memory.js";
import { backendNamed } from "../backends/index.js";
import type { ExtraSections } from "./markdown.js";
import type { Progress } from "./progress.js";
import { errorText } from "./search-pairs.js";
import type { ServerBench, ServerInfo, ServerScale } from "./server-bench.js";
import { measureServerDeterminism, type Repeated } from "./server-determinism.js";
import { serverSection, serverTargets } from "./server-markdown.js";
import { measureServerRaces, type ServerRaceFigures } from "./server-races.js";
import { measureServerThroughput, type ThroughputFigures } from "./server-throughput.js";

/** Everything one server backend's section measured in one run. */
export interface ServerFigures {
  readonly bench: ServerBench;
  readonly scale: ServerScale;
  readonly server: ServerInfo;
  readonly throughput: ThroughputFigures;
  readonly races: ServerRaceFigures;
  readonly determinism: ReadonlyArray<Repeated>;
  readonly durationMs: number;
  /** When the section began (ISO, to the second), and the one-minute load average then and at its end. */
  readonly date: string;
  readonly load: { readonly start: number; readonly end: number };
}

/**
 * One backend session (one schema or database) for every figure, taken one after another so that
 * none slows another down.
 */
const measureServer = async (bench: ServerBench, scale: ServerScale, progress: Progress): Promise<ServerFigures> => {
  const started = performance.now();
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const load = loadavg()[0] ?? 0;
  const { session, server } = await bench.start(progress);
  const memorySession = await memoryBackend.start();
  try {
    const throughput = await measureServerThroughput(bench, scale, { server: session, memory: memorySession }, progress);
    const defaultRuns = backendNamed(bench.backend)?.defaultRuns ?? 100;
    const races = await measureServerRaces(bench.backend, session, defaultRuns, scale, progress);
    const determinism = await measureServerDeterminism(bench, scale, session, races.maxRuns, progress);
    const durationMs = performance.now() - started;
    return { bench, scale, server, throughput, races, determinism, durationMs, date, load: { start: load, end: loadavg()[0] ?? 0 } };
  } finally {
    await memorySession.stop();
    await session.stop();
  }
};

/**
 * A server backend's section of BENCHMARKS.md, measured and written, with its targets for the table
 * at the top. A server that cannot be started or reached costs this section, not the figures taken
 * before it: the section then says why it is missing.
 */
export const serverBench = async (bench: ServerBench, scale: ServerScale, progress: Progress, command: string): Promise<ExtraSections> => {
  try {
    const figures = await measureServer(bench, scale, progress);
    return { sections: [serverSection(figures, command)], targets: bench.targets ? serverTargets(figures) : [] };
  } catch (error) {
    progress(bench.backend, 1).done(`not measured: ${errorText(error)}`);
    return { sections: [[bench.title, "", `Not measured: ${errorText(error)}. ${bench.flags}`].join("\n")] };
  }
};
