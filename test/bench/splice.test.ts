import { describe, expect, test } from "vitest";
import { BenchUsageError, parseBenchFlags } from "../../bench/options.js";
import { spliceSection, spliceTargets, targetRow } from "../../bench/splice.js";

const report = ["# Benchmarks", "", "intro", "", "## PostgreSQL: figures", "", "pg", "", "## Proof mode", "", "proofs", ""].join("\n");

describe("one section measured alone", () => {
  test("goes after the section it follows when the report has none yet, and everything else stays", () => {
    const spliced = spliceSection(report, "## MariaDB: figures\n\nfirst\n", "## PostgreSQL: figures");
    expect(spliced).toBe(
      ["# Benchmarks", "", "intro", "", "## PostgreSQL: figures", "", "pg", "", "## MariaDB: figures", "", "first", "", "## Proof mode", "", "proofs", ""].join(
        "\n",
      ),
    );
  });

  test("replaces its earlier figures, up to the next section, and nothing else", () => {
    const once = spliceSection(report, "## MariaDB: figures\n\nfirst\n", "## PostgreSQL: figures");
    const twice = spliceSection(once, "## MariaDB: figures\n\nsecond\nthird\n", "## PostgreSQL: figures");
    expect(twice).toBe(once.replace("first", "second\nthird"));
  });

  test("goes at the end of a report without the section it follows", () => {
    expect(spliceSection("# Benchmarks\n", "## MariaDB: figures\n\nfirst\n", "## PostgreSQL: figures")).toBe("# Benchmarks\n\n## MariaDB: figures\n\nfirst\n");
  });

  test("goes at the end when it follows no section in particular", () => {
    expect(spliceSection(report, "## Worker threads\n\nfirst\n", undefined)).toBe(`${report}\n## Worker threads\n\nfirst\n`);
  });

  test("is asked for by name, and an unknown name is refused in one line", () => {
    expect(parseBenchFlags(["--section", "mariadb"]).section).toBe("mariadb");
    expect(parseBenchFlags([]).section).toBeUndefined();
    expect(() => parseBenchFlags(["--section", "oracle"])).toThrow(BenchUsageError);
    expect(() => parseBenchFlags(["--section", "oracle"])).toThrow(/--section.*oracle.*postgres.*mariadb/);
    expect(parseBenchFlags(["--section", "workers"]).section).toBe("workers");
    expect(parseBenchFlags(["--section", "postgres-proofs"]).section).toBe("postgres-proofs");
  });
});

describe("a server section measured alone puts its own rows into the targets table", () => {
  const report = [
    "# Benchmarks",
    "",
    "## Targets",
    "",
    "| target | measured | met |",
    "| --- | --- | --- |",
    "| every race found (memory) | 50 runs | yes |",
    "| ≥ 100 executions per second on PostgreSQL | 18/s | **no** |",
    "| every known race found in ≤ 10 s (PostgreSQL, 18 pairs) | 831 ms | yes |",
    "| 1 vs 2 workers (memory) | ×0.99 | **no** |",
    "",
    "## 1. Races",
  ].join("\n");
  const rows = [targetRow({ target: "≥ 150 executions per second on PostgreSQL", measured: "31/s", met: false })];

  test("in place of every row whose target names it, where the first stood; other rows and sections stay", () => {
    expect(spliceTargets(report, "PostgreSQL", rows).split("\n").slice(6, 10)).toEqual([
      "| every race found (memory) | 50 runs | yes |",
      "| ≥ 150 executions per second on PostgreSQL | 31/s | **no** |",
      "| 1 vs 2 workers (memory) | ×0.99 | **no** |",
      "",
    ]);
    expect(spliceTargets(report, "PostgreSQL", rows).endsWith("## 1. Races")).toBe(true);
  });

  test("at the end of the table when no row names it; unchanged without a table or rows", () => {
    expect(spliceTargets(report, "MariaDB", rows).split("\n")[10]).toBe(rows[0]);
    expect(spliceTargets(report, "PostgreSQL", [])).toBe(report);
    expect(spliceTargets("# Benchmarks\n", "PostgreSQL", rows)).toBe("# Benchmarks\n");
  });
});
