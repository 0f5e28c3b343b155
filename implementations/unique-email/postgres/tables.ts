import type { Pool } from "pg";
import type { UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import type { TableDefinition } from "../../postgres/table-definition.js";

/**
 * One row per registered user, the e-mail kept as typed, and no constraint at all: the naive
 * designs, whose check is the only thing between two users and one e-mail.
 */
export const users: TableDefinition = {
  name: "users",
  ddl: "CREATE TABLE users (id text NOT NULL, email text NOT NULL)",
};

/** Every registered user as `[user, e-mail]`, in one statement. */
export const readUsers = async (direct: Pool): Promise<UniqueEmailSnapshot> => {
  const { rows } = await direct.query<{ id: string; email: string }>("SELECT id, email FROM users");
  return { users: rows.map((row) => [row.id, row.email] as const) };
};
