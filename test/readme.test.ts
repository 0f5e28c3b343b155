import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { backends } from "../backends/index.js";
import { catalogue } from "../properties/catalogue.js";
import { allScenarios } from "../properties/families.js";

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
