import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { backends } from "../backends/index.js";
import { naiveJoin } from "../examples/naive-join.js";
import { assertClaim } from "../properties/assert-claim.js";
import { catalogue } from "../properties/catalogue.js";
import { allScenarios } from "../properties/families.js";
import { runCli } from "./support/cli.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  test.each(catalogue.map((entry) => entry.implementation.name))("lists the design %s", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });

  test.each(allScenarios.map((scenario) => scenario.name))("describes the scenario %s", (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });

  test.each(backends.map((backend) => backend.name))("documents the backend %s", (name) => {
    expect(readme).toContain(`- **${name}**`);
  });
});

/** The README's opening example: the command after `$ ` and the output below it, up to the end of its code block. */
const opening = (): { readonly args: ReadonlyArray<string>; readonly output: string } => {
  const block = /```\n\$ npx invariant-lab (verify [^\n]+)\n([\s\S]*?)```\n/.exec(readme);
  if (block === null) throw new Error("README.md has no example block that starts with `$ npx invariant-lab verify`");
  return { args: (block[1] ?? "").split(" "), output: block[2] ?? "" };
};

describe("the README's examples are what the harness prints", () => {
  test("the opening example's output, character for character", async () => {
    const { args, output } = opening();
    const { stdout } = await runCli(...args);
    expect(stdout).toBe(output);
  }, 60_000);

  test("the replay assertClaim prints for the same race", async () => {
    const shown = /^replay: (assertClaim\(design, \{ scenarios: \["group-membership"\], .*\}\))$/m.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const failure = await assertClaim(naiveJoin, { scenarios: ["group-membership"], modes: ["concurrent"], seed: 7 }).then(
      () => "",
      (error: unknown) => String(error),
    );
    expect(failure).toContain(`replay: ${shown}`);
  }, 60_000);
});
