// Group membership written with Kysely over the pool the harness lends, verified with:
//   npx invariant-lab verify --impl ./examples/orms/kysely.ts
import { type IsolationLevel, Kysely, PostgresDialect } from "kysely";
import {
  type AssignmentCommand,
  type AssignmentConfig,
  type AssignmentOutcome,
  type AssignmentSnapshot,
  defineImplementation,
  type PostgresEnvironment,
  retryTransaction,
} from "../../index.js";
import { decide, type Membership, pairsOf } from "./rules.js";
import { emptyTables } from "./tables.js";

interface Database {
  memberships: Membership;
}

/**
 * One command in one transaction: read every membership of the user and of the group, decide, then
 * insert or delete. Nothing stops a second transaction from reading the same rows before this one
 * inserts.
 */
const runCommand = (db: Kysely<Database>, isolation: IsolationLevel, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> =>
  db
    .transaction()
    .setIsolationLevel(isolation)
    .execute(async (trx) => {
      const { member, container } = command;
      const read = await trx
        .selectFrom("memberships")
        .select(["member", "container"])
        .where((row) => row.or([row("member", "=", member), row("container", "=", container)]))
        .execute();
      const outcome = decide(command, read, config);
      if (outcome === "joined") await trx.insertInto("memberships").values({ member, container }).execute();
      if (outcome === "left") await trx.deleteFrom("memberships").where("member", "=", member).where("container", "=", container).execute();
      return outcome;
    });

const kyselyDesign = (name: string, design: string, isolation: IsolationLevel, retried: boolean) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
    family: "assignment",
    name,
    design,
    backend: "postgres",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await emptyTables(direct);
      // The harness's own pools, wrapped: its gate sees every statement Kysely sends on `pool`. Never
      // call destroy(): it would end the harness's pools, which outlive this run.
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      const snapshots = new Kysely<Database>({ dialect: new PostgresDialect({ pool: direct }) });
      const attempt = (command: AssignmentCommand) => runCommand(db, isolation, config, command);
      return {
        execute: (command) => (retried ? retryTransaction(() => attempt(command)) : attempt(command)),
        snapshot: async () => pairsOf(await snapshots.selectFrom("memberships").select(["member", "container"]).execute()),
      };
    },
  });

/** Check-then-act at READ COMMITTED, PostgreSQL's default: two joins both read, both insert. Caught. */
export const kyselyNaiveJoin = kyselyDesign("kysely-naive-join", "check-then-act at READ COMMITTED (Kysely)", "read committed", false);

/** The same transaction at SERIALIZABLE, run again on 40001: PostgreSQL aborts one of two racing joins. Passes. */
export const kyselySerializableJoin = kyselyDesign(
  "kysely-serializable-join",
  "check-then-act at SERIALIZABLE, retried on 40001 (Kysely)",
  "serializable",
  true,
);
