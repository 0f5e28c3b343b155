import { Kysely, sql } from "kysely";
import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decide } from "../aggregates.js";
import { type Engine, mariadbEngine, postgresEngine, retryOnSerializationFailure } from "../../kysely/engines.js";

/** Each aggregate as one row, its list as a JSON array in a text column: the same tables on both engines. */
interface Tables {
  member_lists: { id: string; containers: string };
  container_lists: { id: string; members: string };
}

/**
 * One command as the application writes it: load both aggregates in a REPEATABLE READ transaction,
 * let the domain service decide, save both with a plain UPDATE, and run everything again on a
 * serialization failure. It relies on the database to refuse a write to a row changed since the
 * snapshot, which PostgreSQL does (40001, first updater wins) and InnoDB does not: its UPDATE
 * writes over what the other writer committed (after waiting for it, if it has not committed yet).
 */
const runCommand = (db: Kysely<Tables>, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> =>
  retryOnSerializationFailure(() =>
    db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const member = await trx.selectFrom("member_lists").select("containers").where("id", "=", command.member).executeTakeFirstOrThrow();
        const container = await trx.selectFrom("container_lists").select("members").where("id", "=", command.container).executeTakeFirstOrThrow();
        const decision = decide(
          command,
          { containers: JSON.parse(member.containers) as string[] },
          { members: JSON.parse(container.members) as string[] },
          config,
        );
        if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
        await trx
          .updateTable("member_lists")
          .set({ containers: JSON.stringify(decision.member.containers) })
          .where("id", "=", command.member)
          .execute();
        await trx
          .updateTable("container_lists")
          .set({ members: JSON.stringify(decision.container.members) })
          .where("id", "=", command.container)
          .execute();
        return decision.outcome;
      }),
  );

/** Empty aggregates for every member and container of the scenario, so that a save is always an UPDATE. */
const resetAggregates = async (db: Kysely<Tables>, config: AssignmentConfig): Promise<void> => {
  await db.schema
    .createTable("member_lists")
    .ifNotExists()
    .addColumn("id", "varchar(20)", (column) => column.primaryKey())
    .addColumn("containers", "text", (column) => column.notNull())
    .execute();
  await db.schema
    .createTable("container_lists")
    .ifNotExists()
    .addColumn("id", "varchar(20)", (column) => column.primaryKey())
    .addColumn("members", "text", (column) => column.notNull())
    .execute();
  await sql`TRUNCATE TABLE member_lists`.execute(db);
  await sql`TRUNCATE TABLE container_lists`.execute(db);
  await db
    .insertInto("member_lists")
    .values(config.members.map((id) => ({ id, containers: "[]" })))
    .execute();
  await db
    .insertInto("container_lists")
    .values(config.containers.map((id) => ({ id, members: "[]" })))
    .execute();
};

const readAggregates = async (db: Kysely<Tables>): Promise<AssignmentSnapshot> => {
  const members = await db.selectFrom("member_lists").selectAll().execute();
  const containers = await db.selectFrom("container_lists").selectAll().execute();
  return {
    memberSide: members.flatMap((row) => (JSON.parse(row.containers) as string[]).map((container) => [row.id, container] as const)),
    containerSide: containers.flatMap((row) => (JSON.parse(row.members) as string[]).map((member) => [member, row.id] as const)),
  };
};

/** The design on one engine: only the dialect, built over the pool the harness lends, differs. */
const onEngine = <Environment extends PostgresEnvironment | MariadbEnvironment>(engine: Engine<Environment>) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Environment>({
    family: "assignment",
    name: `${engine.prefix}-kysely-snapshot-aggregates`,
    design: "aggregates saved at REPEATABLE READ, retried on 40001 (Kysely)",
    backend: engine.backend,
    claim: "linearizable",
    async create({ config, pool, direct }) {
      // Never destroyed: Kysely's destroy() would end the harness's pools.
      const db = new Kysely<Tables>({ dialect: engine.dialect(pool) });
      const setup = new Kysely<Tables>({ dialect: engine.dialect(direct) });
      await resetAggregates(setup, config);
      return { execute: (command) => runCommand(db, config, command), snapshot: () => readAggregates(setup) };
    },
  });

/** On PostgreSQL: correct, the second writer of a row fails with 40001 and runs again. */
export const snapshotAggregatesOnPostgres = onEngine(postgresEngine);

/** On MariaDB: the same code loses updates, because InnoDB's REPEATABLE READ lets the second writer overwrite. */
export const snapshotAggregatesOnMariadb = onEngine(mariadbEngine);
