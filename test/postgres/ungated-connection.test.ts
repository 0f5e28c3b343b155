import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import type { PostgresEnvironment } from "../../backends/postgres/environment.js";
import { openSession, type PostgresSession, UngatedConnection } from "../../backends/postgres/index.js";
import { COPIED_AS_SETTINGS } from "../../backends/postgres/gated-pool.js";
import { defineImplementation } from "../../engine/implementation.js";
import { verdictReport } from "../../engine/report/verdict-text.js";
import { checkThenAct } from "../../implementations/assignment/postgres/check-then-act.js";
import { serializableAssignment } from "../../implementations/assignment/postgres/serializable.js";
import { memberships, readPairs } from "../../implementations/assignment/postgres/tables.js";
import { resetTables } from "../../implementations/postgres/table-definition.js";
import { retryTransaction } from "../../implementations/postgres/transaction.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { verify } from "../../properties/verify.js";
import { fileSession, postgresUrl } from "./support.js";

// A design whose statements bypass the harness's gate passes for the wrong reason: nothing of theirs
// is interleaved, preempted or seen waiting. What @prisma/adapter-pg does with a pool from another
// copy of `pg` (it opens a pool of its own) is played here by a design that opens its own pg.Pool.

interface OwnPool {
  readonly environment: PostgresEnvironment;
  /** The session's schema, as a design could learn it. */
  readonly schema: string;
}

/** Every pool the designs below opened: a design that leaks its pool leaves it to the end of the file. */
const opened: pg.Pool[] = [];
afterAll(() => Promise.all(opened.map((pool) => pool.end().catch(() => undefined))));

/**
 * The correct serializable design, plus one statement per command on a pool of the design's own:
 * without the audit every check of it would pass.
 */
const withOwnPool = (name: string, open: (context: OwnPool) => pg.Pool, statement: (schema: string) => string, endsItsPool = true) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
    family: "assignment",
    name,
    design: "serializable + retry, and a pool of its own on the side",
    backend: "postgres",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await resetTables(direct, [memberships]);
      const schema = (await direct.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]?.schema ?? "";
      const own = open({ environment: { pool, direct }, schema });
      // The session's stop() ends whatever carries its application_name, leaked pools included.
      own.on("error", () => undefined);
      opened.push(own);
      return {
        async execute(command) {
          await own.query(statement(schema));
          return retryTransaction(() => checkThenAct(pool, "SERIALIZABLE", config, command));
        },
        snapshot: () => readPairs(direct, memberships.name),
        // As Prisma's $disconnect() does: the connections are gone before the run is released.
        dispose: async () => (endsItsPool ? own.end() : undefined),
      };
    },
  });

/** `new pg.Pool(pool.options)`: the harness's settings, application_name included, on an ungated pool. */
const copiesTheHarnessSettings = withOwnPool(
  "copies-the-harness-settings",
  ({ environment }) => new pg.Pool(environment.pool.options),
  () => "SELECT count(*) FROM memberships",
);

/** Settings of its own, tables qualified with the schema, as Prisma qualifies them with its `schema` option. */
const namesTheSchema = withOwnPool(
  "names-the-schema",
  ({ environment }) => new pg.Pool({ connectionString: environment.pool.options.connectionString, application_name: "our-service" }),
  (schema) => `SELECT count(*) FROM "${schema}".memberships`,
);

/** Settings of its own and nothing that names the session: only a database of the session's own ties it. */
const untied = withOwnPool(
  "untied",
  ({ environment }) => new pg.Pool({ connectionString: environment.pool.options.connectionString, application_name: "our-service" }),
  () => "SELECT 1",
);

const check = (session: PostgresSession, implementation: Parameters<typeof verify>[1]) =>
  verify(groupMembership, implementation, session, { mode: "concurrent", seed: 20261125, numRuns: 10 });

/** The check's error: the harness refuses the run instead of giving a verdict. */
const refusal = async (run: Promise<unknown>): Promise<Error> => {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UngatedConnection);
  return error as Error;
};

describe("on a server shared with other sessions", async () => {
  const session = await fileSession();

  test("a pool built from the harness's settings is refused, with the cause and the fix", async () => {
    const { message } = await refusal(check(session, copiesTheHarnessSettings));
    expect(message).toMatch(
      // One connection or several, as the run's tasks each took one from the design's own pool.
      /^ungated connection: during this run (a connection|\d+ connections) that the harness did not open worked on schema invariant_lab_[0-9a-f]+: pid \d+/,
    );
    expect(message).toContain(`application_name "invariant-lab ${session.schema}"`);
    expect(message).toContain("it carries the harness's application_name");
    expect(message).toContain("last statement: SELECT count(*) FROM memberships");
    expect(message).toContain("Cause: the design (or its ORM) opened a pool of its own");
    expect(message).toContain("Fix: hand the `pool` that create() receives to the ORM itself");
  });

  test("a pool built from the harness's pool object, as @prisma/adapter-pg builds one from another copy of pg, fails the setup with the cause and the fix", async () => {
    // What the adapter does with a pool that is not an instance of its own `pg`: takes it for settings.
    const takesThePoolForSettings = withOwnPool(
      "takes-the-pool-for-settings",
      ({ environment }) => new pg.Pool(environment.pool as unknown as pg.PoolConfig),
      () => "SELECT 1",
    );
    const verdict = await check(session, takesThePoolForSettings);
    expect(verdict.status).toBe("violated");
    const report = verdictReport(verdict, "");
    expect(report).toContain(COPIED_AS_SETTINGS);
    expect(report).toContain("create()");
  });

  test("a pool of its own that names the session's schema is refused", async () => {
    const { message } = await refusal(check(session, namesTheSchema));
    expect(message).toContain('application_name "our-service"');
    expect(message).toContain("its last statement names the schema");
  });

  test("a connection that nothing ties to the session does not count: other programs may share the server", async () => {
    expect((await check(session, untied)).status).toBe("passed");
  });

  test("after a refusal, the next design on the session is judged on its own runs", async () => {
    // The refused design's pool stays open, idle: it did nothing during the next design's runs.
    const leaked = withOwnPool(
      "leaks-its-pool",
      ({ environment }) => new pg.Pool(environment.pool.options),
      () => "SELECT 1",
      false,
    );
    await refusal(check(session, leaked));
    expect((await check(session, serializableAssignment)).status).toBe("passed");
  });
});

describe("on a database of the session's own, as on the embedded server", async () => {
  const database = `invariant_lab_exclusive_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(postgresUrl());
  url.pathname = `/${database}`;
  const session = await openSession(url.toString(), { exclusive: true });
  afterAll(async () => {
    await session.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  test("any connection the harness did not open is refused", async () => {
    const { message } = await refusal(check(session, untied));
    expect(message).toContain("it is connected to the session's own database");
    expect(message).toContain(`database ${database}`);
  });

  test("the harness's own connections are not counted", async () => {
    expect((await check(session, serializableAssignment)).status).toBe("passed");
  });
});
