import { backends } from "../backends/index.js";
import { catalogue } from "../properties/catalogue.js";
import { families } from "../properties/families.js";

/** Prints what can be named on the command line. */
export const runList = (): number => {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out("scenarios:");
  for (const family of families) for (const scenario of family.scenarios) out(`  ${scenario.name.padEnd(20)} ${family.name}: ${scenario.summary}`);
  out("implementations:");
  for (const { implementation, expected } of catalogue) {
    const verdict = expected.concurrent === "violated" ? "known-broken" : "correct";
    out(`  ${implementation.name.padEnd(28)} ${implementation.backend.padEnd(9)} ${implementation.family.padEnd(12)} ${implementation.design} (${verdict})`);
  }
  out(`backends: ${backends.map((backend) => backend.name).join(", ")}`);
  return 0;
};
