import { backends } from "../backends/index.js";
import { catalogue } from "../properties/catalogue.js";
import { families } from "../properties/families.js";

/** Prints what can be named on the command line. */
export const runList = (): number => {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const table = (rows: ReadonlyArray<ReadonlyArray<string>>) => {
    const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    for (const row of rows) out(`  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")}`);
  };
  out("scenarios:");
  table(families.flatMap((family) => family.scenarios.map((scenario) => [scenario.name, family.name, scenario.summary])));
  out("implementations:");
  table(
    catalogue.map(({ implementation, expected }) => [
      implementation.name,
      implementation.backend,
      implementation.family,
      `${implementation.design} (${expected.concurrent === "violated" || expected.sequential === "violated" ? "known-broken" : "correct"})`,
    ]),
  );
  out(`backends: ${backends.map((backend) => backend.name).join(", ")}`);
  return 0;
};
