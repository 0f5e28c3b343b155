import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execute } from "../../engine/execute.js";
import { reportedEventual } from "../../engine/eventual/report.js";
import { counterexampleText, counterexampleView } from "../../engine/report/counterexample-report.js";
import { htmlReport } from "../../engine/report/html/page.js";
import { forcedSource } from "../../engine/schedule/forced.js";
import { sagaWithoutCompensation } from "../../implementations/assignment/memory/saga-without-compensation.js";
import { containerLockOnly } from "../../implementations/assignment/memory/locks.js";
import { groupMembership, lampSocket } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand } from "../../model/assignment/types.js";
import { verifyEventually } from "../../properties/eventual/verify-eventually.js";
import { CHROMIUM_MISSING, chromiumInstalled, launchChromium } from "../support/chromium.js";
import { comparable, type TextTimeline, textTimelines } from "../support/text-timeline.js";

/** Where the pages and their screenshots are kept for a reader to look at (gitignored). */
const ARTIFACTS = resolve("test-results/html-report");
const TIMEOUT_MS = 90_000;

/** The few DOM members read in the page: the project compiles without the DOM library. */
interface DomElement {
  readonly textContent: string | null;
  readonly classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getBoundingClientRect(): { readonly left: number; readonly right: number; readonly width: number };
}

interface DomTimeline extends TextTimeline {
  readonly rows: ReadonlyArray<{
    readonly number: number;
    readonly lane: number;
    readonly text: string;
    readonly preempted: boolean;
    readonly waited: boolean;
  }>;
  /** Rows whose card is not drawn within its lane's column. */
  readonly misplaced: ReadonlyArray<number>;
}

/** Every swimlane table of the page, read back from the rendered DOM (and its layout). */
const domTimelines = (page: Page): Promise<DomTimeline[]> =>
  page.$$eval("table.lanes", (found) =>
    (found as unknown as DomElement[]).map((table) => {
      const heads = [...table.querySelectorAll("thead th[data-lane]")];
      const rows: Array<DomTimeline["rows"][number]> = [];
      const rules: Array<{ before: number; text: string }> = [];
      const misplaced: number[] = [];
      for (const row of table.querySelectorAll("tbody tr")) {
        if (row.classList.contains("rule")) {
          rules.push({ before: rows.length + 1, text: (row.textContent ?? "").trim() });
          continue;
        }
        const cells = [...row.querySelectorAll(":scope > td:not(.n)")];
        const lane = cells.findIndex((cell) => cell.querySelector(".card") !== null);
        const card = cells[lane]?.querySelector(".card");
        const number = Number(row.getAttribute("data-row"));
        const box = card?.getBoundingClientRect();
        const head = heads[lane]?.getBoundingClientRect();
        if (box === undefined || head === undefined || box.width === 0 || box.left < head.left - 1 || box.right > head.right + 1) misplaced.push(number);
        rows.push({
          number,
          lane,
          text: card?.querySelector(".cell-text")?.textContent ?? "",
          preempted: card?.classList.contains("preempted") ?? false,
          waited: card?.classList.contains("waited") ?? false,
        });
      }
      return { lanes: heads.map((head) => head.getAttribute("data-lane") ?? ""), rows, rules, misplaced };
    }),
  );

/** The page's timelines are the text report's: lanes, rows in order with their lanes and cells, ⚡ and ⏳ at the same rows, rules. */
const expectSameTimelines = (page: ReadonlyArray<DomTimeline>, text: ReadonlyArray<TextTimeline>): void => {
  expect(page.length).toBe(text.length);
  page.forEach((drawn, index) => {
    const written = text[index] as TextTimeline;
    expect(drawn.lanes).toEqual(written.lanes);
    expect(drawn.rows.map(({ number, lane, text }) => ({ number, lane, text: comparable(text) }))).toEqual(
      written.rows.map(({ number, lane, text }) => ({ number, lane, text: comparable(text) })),
    );
    expect(drawn.rows.filter((row) => row.preempted).map((row) => row.number)).toEqual(
      written.rows.filter((row) => row.text.startsWith("⚡")).map((row) => row.number),
    );
    expect(drawn.rows.filter((row) => row.waited).map((row) => row.number)).toEqual(
      written.rows.filter((row) => row.text.includes("⏳ waits for")).map((row) => row.number),
    );
    expect(drawn.rules).toEqual(written.rules);
    expect(drawn.misplaced).toEqual([]);
  });
};

const join = (member: string, container: string): AssignmentCommand => ({ _tag: "join", member, container });

describe("the HTML report, rendered in a headless Chromium", () => {
  if (!chromiumInstalled()) {
    // Only CI gets here without it (vitest.config.ts leaves this file out elsewhere): a missing browser is a failure there.
    test("needs chromium", () => {
      throw new Error(CHROMIUM_MISSING);
    });
    return;
  }

  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const fetched: string[] = [];
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    browser.context.on("request", (request) => {
      if (!request.url().startsWith("file:")) fetched.push(request.url());
    });
  }, TIMEOUT_MS);
  afterAll(async () => browser?.close());

  /** Opens a report file, keeps a full-page screenshot beside it, and returns the page. */
  const open = async (file: string): Promise<Page> => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: file.replace(/\.html$/, ".png"), fullPage: true });
    return page;
  };

  test(
    "verify --html: every verdict in the summary, every counterexample's lanes and steps as the text report draws them",
    async () => {
      const file = resolve(ARTIFACTS, "verify-naive.html");
      const args = [
        "verify",
        "--impl",
        "naive",
        "--scenario",
        "lamp-socket",
        "--scenario",
        "cell-allocation",
        "--seed",
        "5",
        "--runs",
        "300",
        "--verbose",
        "--html",
        file,
      ];
      const { stdout } = await promisify(execFile)("node", ["bin/invariant-lab.js", ...args]);
      expect(stdout).toContain(`HTML report: ${file}`);
      const page = await open(file);

      const verdictLines = stdout.split("\n").filter((line) => /^[✓✗?] /.test(line));
      expect(verdictLines).toHaveLength(4);
      const statuses = await page.$$eval("table.verdicts tbody tr", (rows) => (rows as unknown as DomElement[]).map((row) => row.getAttribute("data-status")));
      expect(statuses).toEqual(verdictLines.map((line) => /^. (\w+)/.exec(line)?.[1]));

      const written = textTimelines(stdout);
      expect(written.length).toBe(2);
      expect(written.some((timeline) => timeline.rows.some((row) => row.text.startsWith("⚡")))).toBe(true);
      expectSameTimelines(await domTimelines(page), written);

      const replays = [...stdout.matchAll(/replay: (.*)/g)].map((found) => found[1]);
      expect(await page.$$eval("pre.replay", (blocks) => (blocks as unknown as DomElement[]).map((block) => block.textContent))).toEqual(replays);
      // Not linearizable: each observed outcome beside what the model admits, as the text's evidence lines say.
      const evidence = [...stdout.matchAll(/- (T\d) (.+?) observed (\S+); the model admits (.*)/g)].map(([, task, command, observed, admits]) => [
        task,
        command,
        observed,
        admits,
      ]);
      const shown = await page.$$eval("table.evidence tbody tr", (rows) =>
        (rows as unknown as DomElement[]).map((row) => [...row.querySelectorAll("td")].map((cell) => (cell.textContent ?? "").replace(/\s+/g, ""))),
      );
      expect(shown).toEqual(evidence.map((cells) => cells.map((cell) => (cell ?? "").replace(/\s+/g, ""))));
      expect(evidence.length).toBeGreaterThan(0);
      expect(fetched).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    "lock waits (⏳) and a messaging design's handler lanes and settle phase are drawn as in the text report",
    async () => {
      // A container lock alone: T2 waits for T1's lock on s1 while T3 joins the same lamp to s2 unchecked.
      const program = { prefix: [], branches: [[join("l1", "s1")], [join("l2", "s1")], [join("l1", "s2")]] };
      const execution = await execute(lampSocket, containerLockOnly, program, forcedSource([0, 0, 0, 2, 1, 0]), { timeLimitMs: 10_000 });
      const failure = execution.failure;
      if (failure === undefined) throw new Error("the schedule no longer breaks the container-lock-only design: choose another");
      const locked = counterexampleView(
        "lamp-socket · a lock per container only (container-lock-only) · memory · concurrent",
        "linearizable",
        { ...execution, failure },
        [],
        "(a fixed schedule)",
      );
      const eventual = await verifyEventually(groupMembership, sagaWithoutCompensation, { mode: "concurrent", numRuns: 300, seed: 7 });
      const entry = reportedEventual(eventual, `seed ${eventual.seed}`, { asExpected: true, expectation: "expected: a known-broken design" });
      if (entry.counterexample === undefined) throw new Error("the saga without compensation was not caught at seed 7");
      const views = [locked, entry.counterexample];

      const file = resolve(ARTIFACTS, "locks-and-messages.html");
      const html = htmlReport({
        title: "lock waits and a messaging design",
        verdicts: [
          {
            status: "violated",
            scenario: "lamp-socket",
            design: "a lock per container only (container-lock-only)",
            backend: "memory",
            mode: "concurrent",
            evidence: locked.headline,
            asExpected: true,
            expectation: "expected: a known-broken design",
            counterexample: locked,
          },
          entry,
        ],
        notCovered: [],
      });
      writeFileSync(file, html);
      const page = await open(file);

      const written = views.flatMap((view) => textTimelines(counterexampleText(view)));
      expect(written.flatMap((timeline) => timeline.rows).some((row) => row.text.includes("⏳ waits for T1"))).toBe(true);
      expect(written[1]?.rules.length).toBeGreaterThan(0);
      expectSameTimelines(await domTimelines(page), written);
      const roles = await page.$$eval("table.lanes th[data-lane]", (heads) =>
        (heads as unknown as DomElement[]).map((head) => head.classList.contains("participant")),
      );
      expect(roles).toEqual([false, false, false, false, false, true, true]);
      expect(readFileSync(file, "utf8")).not.toMatch(/<script|<link|https?:\/\//);
      expect(fetched).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
