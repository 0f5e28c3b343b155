import { MysqlDialect, PostgresDialect } from "kysely";
import type { Dialect } from "kysely";
import type { MariadbEnvironment } from "../../backends/mariadb/environment.js";
import type { PostgresEnvironment } from "../../backends/postgres/environment.js";

/** A backend a design written against Kysely runs on, and how its dialect wraps the pool the harness lends. */
export interface Engine<Environment extends PostgresEnvironment | MariadbEnvironment> {
  readonly backend: string;
  /** Prefix of the design's name on this engine. */
  readonly prefix: string;
  readonly dialect: (pool: Environment["pool"]) => Dialect;
}

export const postgresEngine: Engine<PostgresEnvironment> = { backend: "postgres", prefix: "pg", dialect: (pool) => new PostgresDialect({ pool }) };
export const mariadbEngine: Engine<MariadbEnvironment> = { backend: "mariadb", prefix: "mariadb", dialect: (pool) => new MysqlDialect({ pool }) };

/**
 * A serialization failure or a deadlock by SQLSTATE, as pg (`code`: 40001, 40P01) and mysql2
 * (`sqlState`: 40001, which InnoDB gives its deadlocks) report it: the errors after which the whole
 * transaction is gone and running it again is the documented remedy on both engines.
 */
export const isSerializationFailure = (error: unknown): boolean => {
  const { code, sqlState } = (error ?? {}) as { code?: unknown; sqlState?: unknown };
  return code === "40001" || code === "40P01" || sqlState === "40001";
};

/** Under the harness a retry loop always ends (one task finally runs alone); this bounds a real livelock. */
const MAX_ATTEMPTS = 100;

/** Runs `attempt` again from its first statement while it fails with a serialization failure or a deadlock. */
export const retryOnSerializationFailure = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSerializationFailure(error) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
};
