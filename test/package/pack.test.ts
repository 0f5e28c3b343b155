import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

// The package as a team receives it: packed, installed into a project of its own outside this
// repository, then used the four ways the README shows (CLI, plain Node, tsc, a vitest suite).

const root = resolve(import.meta.dirname, "../..");
/** Packing compiles the library and installing resolves its dependencies: both are slow on busy cores. */
const SLOW = 300_000;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = async (command: string, args: ReadonlyArray<string>, cwd: string): Promise<Ran> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly entryCount: number;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

/** A team's own family and its designs (examples/waitlist), with the vitest file docs/custom-families.md shows. */
const waitlistFiles = ["family.ts", "seating.ts", "naive-waitlist.ts", "locked-waitlist.ts", "waitlist-claim.test.ts"];

/** The example's imports, as a team writes them: from the package, and from beside the file. */
const asInTeamRepository = (source: string): string => source.replaceAll('"../../index.js"', '"invariant-lab"').replaceAll('"../../examples/waitlist/', '"./');

/** What a team compiles with: the strictest flags a project is likely to set, library checks included. */
const teamTsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    erasableSyntaxOnly: true,
    // false: the package's own .d.ts files are checked under the flags above too.
    skipLibCheck: false,
    noEmit: true,
    // effect's declarations name JsonWebKey, which only the DOM library declares globally.
    lib: ["ES2023", "DOM"],
    types: ["node"],
  },
  files: ["design.ts", "never-steps.ts", "claim.test.ts", ...waitlistFiles.map((file) => `waitlist/${file}`)],
};

/** A team's suite: a race reported with a replay that assertClaim accepts, and a warning for a design the harness cannot see pause. */
const claimTest = `import { expect, test, vi } from "vitest";
import { assertClaim, describeClaims } from "invariant-lab";
import { naiveJoin } from "./design.js";
import { neverSteps } from "./never-steps.js";

// One test per scenario × mode; the naive design keeps its claim when commands run one at a time.
describeClaims(naiveJoin, { scenarios: ["group-membership"], modes: ["sequential"], numRuns: 20, seed: 1 });

test("a racy design fails its claim with a replay that repeats the counterexample", async () => {
  const first = await assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: 7, numRuns: 200 }).then(
    () => "",
    (error: unknown) => String(error),
  );
  const replay = /replay: assertClaim\\(design, \\{ scenarios: \\["group-membership"\\], modes: \\["concurrent"\\], seed: (-?\\d+), path: "([\\d:]+)" \\}\\)/.exec(first);
  expect(replay, first).not.toBeNull();
  const [, seed, path] = replay ?? [];
  const again = await assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: Number(seed), path: path ?? "" }).then(
    () => "",
    (error: unknown) => String(error),
  );
  expect(again).toContain("not linearizable");
  expect(again).toContain(\`path: "\${path ?? ""}"\`);
}, 120_000);

test("a design that never calls step() passes with a warning, not silently", async () => {
  const onWarning = vi.fn<(text: string) => void>();
  const verdicts = await assertClaim(neverSteps, { scenarios: ["group-membership"], modes: ["concurrent"], numRuns: 20, seed: 1, onWarning });
  expect(verdicts.map((verdict) => verdict.status)).toEqual(["passed"]);
  expect(onWarning).toHaveBeenCalledTimes(1);
  expect(onWarning.mock.calls[0]?.[0]).toContain("no step() was called");
}, 60_000);
`;

describe("the packed package, installed in a team's project", () => {
  let scratch = "";
  let packed: Packed;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "invariant-lab-team-"));
    const pack = await run("npm", ["pack", "--json", "--pack-destination", scratch], root);
    expect(pack.code, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as ReadonlyArray<Packed>)[0] as Packed;
    await writeFile(join(scratch, "package.json"), JSON.stringify({ name: "team", private: true, type: "module" }));
    const install = await run("npm", ["install", join(scratch, packed.filename), "vitest@~4.1.12", "--prefer-offline", "--no-audit", "--no-fund"], scratch);
    expect(install.code, install.stderr).toBe(0);
    // The README's example design, importing the package by name as a team's file does.
    const example = await readFile(join(root, "examples/naive-join.ts"), "utf8");
    await writeFile(join(scratch, "design.ts"), example.replace('"../index.js"', '"invariant-lab"'));
    // A design that never calls step(), for the warning: the fixture the CLI's reports use too.
    await writeFile(join(scratch, "never-steps.ts"), asInTeamRepository(await readFile(join(root, "test/fixtures/never-steps.ts"), "utf8")));
    await writeFile(join(scratch, "claim.test.ts"), claimTest);
    await mkdir(join(scratch, "waitlist"));
    expect([...(await readdir(join(root, "examples/waitlist"))), "waitlist-claim.test.ts"].sort()).toEqual([...waitlistFiles].sort());
    for (const file of waitlistFiles) {
      const from = file.endsWith(".test.ts") ? join(root, "test/examples", file) : join(root, "examples/waitlist", file);
      await writeFile(join(scratch, "waitlist", file), asInTeamRepository(await readFile(from, "utf8")));
    }
    await writeFile(join(scratch, "tsconfig.json"), JSON.stringify(teamTsconfig, undefined, 2));
  }, SLOW);

  afterAll(async () => {
    if (scratch !== "") await rm(scratch, { recursive: true, force: true });
  });

  test("holds compiled JavaScript with declarations, and no sources, tests or benchmarks", () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(["bin/invariant-lab.js", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "README.md", "package.json"]),
    );
    expect(paths.filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))).toEqual([]);
    expect(paths.filter((path) => /^(test|bench|\.ci|examples|docs)\//.test(path))).toEqual([]);
    // Generous ceilings: they catch a files list that lets node_modules or a data directory in.
    expect(packed.entryCount).toBeLessThan(1_000);
    expect(packed.size).toBeLessThan(1_000_000);
  });

  test("the CLI starts from the compiled code and verifies a team's TypeScript file", async () => {
    const help = await run("npx", ["invariant-lab", "help"], scratch);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("Usage:");
    const sequential = await run(
      "npx",
      ["invariant-lab", "verify", "--impl", "./design.ts", "--mode", "sequential", "--runs", "20", "--seed", "1", "--summary"],
      scratch,
    );
    expect(sequential.code, sequential.stdout + sequential.stderr).toBe(0);
    expect(sequential.stdout).toContain("4 verdicts: 4 as expected, 0 unexpected.");
    // Found only if the file's step() is the engine's own: one copy of the package's modules.
    const race = await run(
      "npx",
      ["invariant-lab", "verify", "--impl", "./design.ts#naiveJoin", "--scenario", "group-membership", "--mode", "concurrent", "--runs", "200", "--seed", "7"],
      scratch,
    );
    expect(race.code, race.stderr).toBe(1);
    expect(race.stdout).toContain("not linearizable");
    expect(race.stdout).toMatch(
      /replay: npx invariant-lab verify --scenario group-membership --impl \.\/design\.ts#naiveJoin --mode concurrent --seed -?\d+ --path [\d:]+/,
    );
  }, 120_000);

  test("the CLI verifies a design of a team's own family, named with --family", async () => {
    const race = await run(
      "npx",
      [
        "invariant-lab",
        "verify",
        "--impl",
        "./waitlist/naive-waitlist.ts",
        "--family",
        "./waitlist/family.ts",
        "--scenario",
        "last-seat",
        "--mode",
        "concurrent",
        "--runs",
        "200",
        "--seed",
        "7",
      ],
      scratch,
    );
    expect(race.code, race.stdout + race.stderr).toBe(1);
    expect(race.stdout).toContain("shrunk to 2 commands with 1 preemption");
    expect(race.stdout).toMatch(
      /replay: npx invariant-lab verify --scenario last-seat --impl \.\/waitlist\/naive-waitlist\.ts --family \.\/waitlist\/family\.ts --mode concurrent/,
    );
  }, 120_000);

  test("the compiled CLI runs a team's TypeScript file on two worker threads, with the single thread's verdicts", async () => {
    const sequential = ["invariant-lab", "verify", "--impl", "./design.ts", "--mode", "sequential", "--runs", "20", "--seed", "1", "--summary"];
    const [one, two] = await Promise.all([run("npx", sequential, scratch), run("npx", [...sequential, "--workers", "2"], scratch)]);
    expect(two.code, two.stdout + two.stderr).toBe(0);
    expect(two.stdout.split("\n")[0]).toContain("· 2 worker threads");
    const verdicts = (output: string) =>
      output
        .split("\n")
        .slice(1)
        .join("\n")
        .replace(/\d[\d,]*(\.\d+)? (ms|s)\b/g, "T");
    expect(verdicts(two.stdout)).toBe(verdicts(one.stdout));
    // Exhaustive mode on workers: each worker loads the design file itself, and the race is found as in one thread.
    const proof = await run(
      "npx",
      ["invariant-lab", "verify", "--exhaustive", "--impl", "./design.ts#naiveJoin", "--scenario", "lamp-socket", "--summary", "--workers", "2"],
      scratch,
    );
    expect(proof.code, proof.stderr).toBe(1);
    expect(proof.stdout).toContain("✗ violated  lamp-socket · ");
    expect(proof.stdout).toContain("minimal: 2 commands with 1 preemption");
  }, 240_000);

  test("plain Node imports it by name", async () => {
    const imported = await run(
      "node",
      ["--input-type=module", "-e", "const m = await import('invariant-lab'); console.log(JSON.stringify(Object.keys(m)))"],
      scratch,
    );
    expect(imported.code, imported.stderr).toBe(0);
    const names = JSON.parse(imported.stdout) as ReadonlyArray<string>;
    expect(names).toEqual(
      expect.arrayContaining([
        "assertClaim",
        "defineImplementation",
        "defineFamily",
        "commandsFromSchema",
        "everyCommand",
        "step",
        "lock",
        "verify",
        "check",
        "memoryBackend",
        "postgresBackend",
        "inTransaction",
      ]),
    );
  });

  // Checking effect's declarations takes about 12 s of CPU; on shared, busy cores that is minutes.
  test(
    "a team's tsc under strict flags finds no error in the package or in code written against it",
    async () => {
      const tsc = await run("node", [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], scratch);
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.code).toBe(0);
    },
    SLOW,
  );

  test("a team's vitest suite runs assertClaim and describeClaims, on a built-in family and on its own", async () => {
    const vitest = await run("npx", ["vitest", "run", "--reporter=verbose"], scratch);
    expect(vitest.code, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toContain("the locked waitlist keeps its claim");
    expect(vitest.stdout).toContain("our-naive-join (memory) keeps its claim: linearizable > group-membership · sequential");
    expect(vitest.stdout).toContain("4 passed");
  }, 240_000);
});
