import type { Client } from "pg";

/** How much of a foreign connection's last statement the error quotes. */
const QUOTED_STATEMENT = 120;

/** What ties a server session the harness did not open to this session's schema. */
export interface Tie {
  /** The session's schema: a statement that names it works on this session's tables. */
  readonly schema: string;
  /** The application_name of the harness's connections: a copy of their settings carries it. */
  readonly applicationName: string;
  /** The database is this session's alone (an embedded server): any other client connection to it is the design's. */
  readonly exclusive: boolean;
}

interface Foreign {
  readonly pid: number;
  readonly application_name: string;
  readonly database: string;
  readonly statement: string;
  readonly tie: string;
}

/**
 * A run in which some statements reached the session's tables without passing the harness's gate:
 * the engine neither ordered them nor saw their lock waits, so its verdict on the run means nothing.
 */
export class UngatedConnection extends Error {
  constructor(schema: string, foreign: ReadonlyArray<Foreign>) {
    const shown = foreign.map((session) => {
      const statement = session.statement === "" ? "" : `, last statement: ${session.statement}`;
      return `pid ${session.pid} (application_name "${session.application_name}", database ${session.database}, ${session.tie}${statement})`;
    });
    super(
      [
        `ungated connection: during this run ${foreign.length === 1 ? "a connection" : `${foreign.length} connections`} that the harness did not open worked on schema ${schema}: ${shown.join("; ")}.`,
        "Its statements bypass the harness's gate: they are never interleaved or preempted and their lock waits are not seen, so a pass would mean nothing.",
        "Cause: the design (or its ORM) opened a pool of its own, from the harness pool's settings (`new pg.Pool(pool.options)`, `new PrismaPg(pool.options)`) or from a connection string.",
        "Fix: hand the `pool` that create() receives to the ORM itself (Kysely: new PostgresDialect({ pool }); Drizzle: drizzle({ client: pool }); Prisma: new PrismaPg(pool) with a single copy of `pg` installed, see `npm ls pg`), and use `direct` for setup and snapshots.",
      ].join("\n"),
    );
    this.name = "UngatedConnection";
  }
}

/**
 * The client connections that were opened or sent a statement since `since` (a server timestamp),
 * are not among `own` (the harness's), and are tied to this session: they carry its
 * application_name (a copy of the harness's settings), their last statement names its schema, or
 * the database is the session's alone. Connections of other sessions or programs sharing a server
 * (DATABASE_URL) carry neither, and do not count: a connection opened with settings of its own and
 * unqualified table names is not found there (the server does not show another session's
 * search_path).
 */
const foreignSessions = async (monitor: Client, tie: Tie, own: ReadonlySet<number>, since: string): Promise<ReadonlyArray<Foreign>> => {
  // Named: planned once per monitor connection, as it is asked after every run.
  const { rows } = await monitor.query<Foreign>({
    name: "invariant-lab-foreign-sessions",
    text: `SELECT pid, coalesce(application_name, '') AS application_name, coalesce(datname, '') AS database,
            left(regexp_replace(coalesce(query, ''), '\\s+', ' ', 'g'), ${QUOTED_STATEMENT}) AS statement,
            CASE WHEN application_name = $4 THEN 'it carries the harness''s application_name'
                 WHEN strpos(query, $5) > 0 THEN 'its last statement names the schema'
                 ELSE 'it is connected to the session''s own database' END AS tie
       FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND pid <> ALL($1::int[])
        AND (backend_start >= $2::timestamptz OR query_start >= $2::timestamptz)
        AND datname = current_database() AND ($3 OR application_name = $4 OR strpos(query, $5) > 0)
      ORDER BY pid`,
    values: [[...own], since, tie.exclusive, tie.applicationName, tie.schema],
  });
  return rows;
};

/** The server's clock now, as text: the moment from which {@link auditRun} counts a connection as the run's. */
export const serverNow = async (monitor: Client): Promise<string> =>
  (await monitor.query<{ now: string }>("SELECT clock_timestamp()::text AS now")).rows[0]?.now ?? "-infinity";

/** Throws {@link UngatedConnection} when a connection the harness did not open worked on the session's schema since `since`. */
export const auditRun = async (monitor: Client, tie: Tie, own: ReadonlySet<number>, since: string): Promise<void> => {
  const foreign = await foreignSessions(monitor, tie, own, since);
  if (foreign.length > 0) throw new UngatedConnection(tie.schema, foreign);
};
