import type { Pool } from "mysql2";
import type { UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import type { Table } from "../../mariadb/tables.js";
import { rowsOf } from "../../mariadb/transaction.js";

/**
 * One row per registered user, the e-mail kept as typed, and no constraint at all. The binary
 * collation keeps comparisons exact, as in PostgreSQL: the designs normalize with LOWER(TRIM(…)).
 */
export const users: Table = {
  name: "users",
  ddl: "CREATE TABLE users (id varchar(20) NOT NULL, email varchar(254) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
};

/** The same with the user's id as the key and a unique index on the normalized e-mail (a stored generated column). */
export const indexedUsers: Table = {
  name: "users",
  ddl: "CREATE TABLE users (id varchar(20) PRIMARY KEY, email varchar(254) NOT NULL, email_key varchar(254) AS (LOWER(TRIM(email))) STORED, UNIQUE KEY users_email_key (email_key)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
};

/** Every registered user as `[user, e-mail]`, in one statement. */
export const readUsers = async (direct: Pool): Promise<UniqueEmailSnapshot> => {
  const rows = await rowsOf<{ id: string; email: string }>(direct.promise(), "SELECT id, email FROM users");
  return { users: rows.map((row) => [row.id, row.email] as const) };
};
