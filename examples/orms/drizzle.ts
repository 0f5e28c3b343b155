// Group membership written with Drizzle over the pool the harness lends, verified with:
//   npx invariant-lab verify --impl ./examples/orms/drizzle.ts
import { and, eq, or } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { pgTable, text } from "drizzle-orm/pg-core";
import {
  type AssignmentCommand,
  type AssignmentConfig,
  type AssignmentOutcome,
  type AssignmentSnapshot,
  defineImplementation,
  type PostgresEnvironment,
} from "../../index.js";
import { decide, pairsOf } from "./rules.js";
import { emptyTables } from "./tables.js";

const users = pgTable("users", { id: text("id").primaryKey() });
const groups = pgTable("groups", { id: text("id").primaryKey() });
const memberships = pgTable("memberships", { member: text("member").notNull(), container: text("container").notNull() });

type Database = NodePgDatabase;

/**
 * Reads every membership of the user and of the group, decides, then inserts or deletes, inside the
 * transaction `tx`. Alone, nothing stops a second transaction from reading the same rows before
 * this one inserts.
 */
const checkThenAct = async (tx: Pick<Database, "select" | "insert" | "delete">, config: AssignmentConfig, command: AssignmentCommand) => {
  const { member, container } = command;
  const read = await tx
    .select()
    .from(memberships)
    .where(or(eq(memberships.member, member), eq(memberships.container, container)));
  const outcome = decide(command, read, config);
  if (outcome === "joined") await tx.insert(memberships).values({ member, container });
  if (outcome === "left") await tx.delete(memberships).where(and(eq(memberships.member, member), eq(memberships.container, container)));
  return outcome;
};

/** Check-then-act at READ COMMITTED, PostgreSQL's default: two joins both read, both insert. */
const naive = (db: Database, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> =>
  db.transaction((tx) => checkThenAct(tx, config, command), { isolationLevel: "read committed" });

/**
 * The same check-then-act after `SELECT … FOR UPDATE` on the user's row and then on the group's
 * (one order for every command, so that no two commands wait for each other in a cycle): every
 * change to a user's or a group's memberships holds both locks, so nothing the check reads can
 * change before the commit. Only a row that exists can be locked: both are upserted first.
 */
const rowLocks = async (db: Database, config: AssignmentConfig, command: AssignmentCommand): Promise<AssignmentOutcome> => {
  const { member, container } = command;
  await db.insert(users).values({ id: member }).onConflictDoNothing();
  await db.insert(groups).values({ id: container }).onConflictDoNothing();
  return db.transaction(async (tx) => {
    await tx.select().from(users).where(eq(users.id, member)).for("update");
    await tx.select().from(groups).where(eq(groups.id, container)).for("update");
    return checkThenAct(tx, config, command);
  });
};

const drizzleDesign = (name: string, design: string, run: typeof naive) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, PostgresEnvironment>({
    family: "assignment",
    name,
    design,
    backend: "postgres",
    claim: "linearizable",
    async create({ config, pool, direct }) {
      await emptyTables(direct);
      // The harness's own pools: its gate sees every statement Drizzle sends on `pool`. Never end them.
      const db = drizzle({ client: pool });
      const snapshots = drizzle({ client: direct });
      return {
        execute: (command) => run(db, config, command),
        snapshot: async () => pairsOf(await snapshots.select().from(memberships)),
      };
    },
  });

/** Caught: two joins of one user to one group both insert. */
export const drizzleNaiveJoin = drizzleDesign("drizzle-naive-join", "check-then-act at READ COMMITTED (Drizzle)", naive);

/** Passes: the row locks make a second command wait until the first commits. */
export const drizzleRowLocks = drizzleDesign("drizzle-row-locks", "row locks (SELECT … FOR UPDATE on user, then group) (Drizzle)", rowLocks);
