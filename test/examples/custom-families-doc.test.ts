import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

// docs/custom-families.md quotes the waitlist example: every TypeScript block names the file it is
// taken from, and must be found there verbatim, once the imports read as in a team's repository.

const root = new URL("../../", import.meta.url);
const doc = readFileSync(new URL("docs/custom-families.md", root), "utf8");

/** The example's imports, as a team writes them: from the package, and from beside the file. */
const asInTeamRepository = (source: string): string => source.replaceAll('"../../index.js"', '"invariant-lab"').replaceAll('"../../examples/waitlist/', '"./');

const blocks = [...doc.matchAll(/(?:<!-- (\S+) -->\n\n)?```ts\n([\s\S]*?)\n```/g)].map(([, file, code]) => ({ file, code: code ?? "" }));

describe("docs/custom-families.md", () => {
  test("quotes code, and every TypeScript block names its file", () => {
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.filter((block) => block.file === undefined).map((block) => block.code)).toEqual([]);
  });

  test.each(blocks.map((block, index) => ({ ...block, title: `block ${index + 1} (${block.file})` })))(
    "$title is the file's code, exactly",
    ({ file, code }) => {
      const source = asInTeamRepository(readFileSync(new URL(file ?? "", root), "utf8"));
      expect(source).toContain(code);
    },
  );

  test("quotes every file of the example", () => {
    const quoted = new Set(blocks.map((block) => block.file));
    for (const name of readdirSync(new URL("examples/waitlist/", root))) expect(quoted).toContain(`examples/waitlist/${name}`);
  });
});
