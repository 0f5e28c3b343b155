import { describe, expect, test } from "vitest";
import { BenchUsageError, parseBenchFlags } from "../../bench/options.js";
import { spliceSection } from "../../bench/splice.js";

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
