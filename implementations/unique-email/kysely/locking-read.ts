import { Kysely, sql } from "kysely";
import type { MariadbEnvironment } from "../../../backends/mariadb/environment.js";
import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideEmail, requestedEmail, sameEmail } from "../email-rules.js";
import { type Engine, mariadbEngine, postgresEngine, retryOnSerializationFailure } from "../../kysely/engines.js";

/** One row per registered user, no constraint: the same table on both engines. */
interface Tables {
  locked_users: { id: string; email: string };
}

/**
 * Check-then-write behind a locking read, as the application writes it: in a REPEATABLE READ
 * transaction, `SELECT … FOR UPDATE` the user's row and every row holding the requested e-mail once
 * trimmed and lower-cased, let the domain service decide, write; run again on a serialization
 * failure or a deadlock. It relies on FOR UPDATE to lock the e-mail even when nobody holds it yet.
 * InnoDB does (it locks what it scans, gaps included: two registrations of one e-mail both take the
 * gap, both INSERTs wait for the other, and the deadlock sends one back to its SELECT); PostgreSQL
 * does not (FOR UPDATE locks the rows it returns, and a missing e-mail returns none).
 */
const runCommand = (db: Kysely<Tables>, command: UniqueEmailCommand): Promise<UniqueEmailOutcome> =>
  retryOnSerializationFailure(() =>
    db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const { user } = command;
        const email = requestedEmail(command) ?? null;
        const rows = await trx
          .selectFrom("locked_users")
          .select(["id", "email"])
          .where((eb) => eb.or([eb("id", "=", user), eb(sql`lower(trim(email))`, "=", sql`lower(trim(${email}))`)]))
          .forUpdate()
          .execute();
        const current = rows.find((row) => row.id === user)?.email;
        const decision = decideEmail(
          command,
          current,
          rows.some((row) => row.id !== user),
          sameEmail,
        );
        if (decision.outcome === "registered") await trx.insertInto("locked_users").values({ id: user, email: decision.email }).execute();
        if (decision.outcome === "changed") await trx.updateTable("locked_users").set({ email: decision.email }).where("id", "=", user).execute();
        if (decision.outcome === "unregistered") await trx.deleteFrom("locked_users").where("id", "=", user).execute();
        return decision.outcome;
      }),
  );

const resetUsers = async (db: Kysely<Tables>): Promise<void> => {
  await db.schema
    .createTable("locked_users")
    .ifNotExists()
    .addColumn("id", "varchar(20)", (column) => column.notNull())
    .addColumn("email", "varchar(254)", (column) => column.notNull())
    .execute();
  await sql`TRUNCATE TABLE locked_users`.execute(db);
};

/** The design on one engine: only the dialect, built over the pool the harness lends, differs. */
const onEngine = <Environment extends PostgresEnvironment | MariadbEnvironment>(engine: Engine<Environment>) =>
  defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot, Environment>({
    family: "unique-email",
    name: `${engine.prefix}-kysely-email-locking-read`,
    design: "check-then-insert behind SELECT … FOR UPDATE, REPEATABLE READ, retried (Kysely)",
    backend: engine.backend,
    claim: "linearizable",
    async create({ pool, direct }) {
      // Never destroyed: Kysely's destroy() would end the harness's pools.
      const db = new Kysely<Tables>({ dialect: engine.dialect(pool) });
      const setup = new Kysely<Tables>({ dialect: engine.dialect(direct) });
      await resetUsers(setup);
      return {
        execute: (command) => runCommand(db, command),
        snapshot: async () => ({
          users: (await setup.selectFrom("locked_users").select(["id", "email"]).execute()).map((row) => [row.id, row.email] as const),
        }),
      };
    },
  });

/** On PostgreSQL: broken, two registrations lock nothing and both insert. */
export const lockingReadEmailOnPostgres = onEngine(postgresEngine);

/** On MariaDB: correct, the gap locks turn the race into a deadlock, and the retry into a refusal. */
export const lockingReadEmailOnMariadb = onEngine(mariadbEngine);
