import { ChangeCount } from "./change-count.js";
import { sentOnDirect } from "./declared-access.js";
import type { LockReleases } from "./lock-releases.js";

/**
 * Counts the statements that may have changed what a snapshot reads, so that the engine can reuse
 * the last snapshot at a decision where nothing could have changed it (most decisions follow a
 * statement inside an open transaction, whose writes no other connection sees before COMMIT).
 *
 * The count is conservative: a statement counts unless it is known not to commit anything, and
 * while one that counts is in flight the version is unknown. What it cannot see: writes made on a
 * connection outside the session's pools, and non-transactional state (a sequence's value, or a
 * function called by a `SELECT` on `direct` that writes); a snapshot that reads such state must not
 * rely on it, and the harness already requires every statement of a design to go through its pools.
 */
export class StateChanges extends ChangeCount {}

/** One statement, perhaps with a final semicolon: a string of several runs them in turn, each may commit. */
const single = (text: string): boolean => !text.trim().replace(/;\s*$/, "").includes(";");
/** Words of the statements that make a transaction's writes visible (`END` also matches `CASE … END`: harmless). */
const COMMITS = /\b(COMMIT|END|PREPARE)\b/i;
const BEGINS = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;

/**
 * Whether a statement sent on a gated connection cannot commit anything: a single statement inside an
 * open transaction block (status `T` or `E`, with nothing queued before it on the connection) that
 * is no COMMIT, or a lone BEGIN. Anything else (autocommit statements, COMMIT, several statements
 * in one string) may commit.
 */
export const cannotCommit = (text: string, status: string | null, queuedBefore: number): boolean => {
  if (!single(text) || queuedBefore > 0) return false;
  if (status === "I") return BEGINS.test(text) && !COMMITS.test(text);
  return (status === "T" || status === "E") && !COMMITS.test(text);
};

const READ = /^\s*(SELECT|WITH|TABLE|VALUES|SHOW)\b/i;
const WRITES = /\b(INSERT|UPDATE|DELETE|MERGE|COPY|TRUNCATE|CALL|INTO|nextval|setval)\b/i;

/**
 * Whether a statement on `direct` (snapshots and setup) only read: a single query by its text, that
 * the server answered with a SELECT or SHOW tag. Everything else there counts as a change.
 */
export const onlyRead = (text: string, commands: ReadonlyArray<string | null | undefined>): boolean =>
  single(text) && READ.test(text) && !WRITES.test(text) && commands.every((command) => command === "SELECT" || command === "SHOW");

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
const commandsOf = (result: unknown): ReadonlyArray<string | undefined> =>
  (Array.isArray(result) ? result : [result]).map((one) => (one as { command?: string } | null)?.command);

/**
 * Counts the statements of a `direct` connection: every one is in flight until answered, and all but
 * the reads of {@link onlyRead} count as changes (a design's setup, or a write it should not make there).
 * Every one counts as a lock release.
 */
export const watchDirect = (client: { query: unknown }, changes: StateChanges, releases: LockReleases): void => {
  const query = (client.query as Query).bind(client);
  client.query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof (config as { submit?: unknown } | null)?.submit === "function") {
      changes.streamingQuerySent();
      releases.streamingQuerySent();
      return query(config, values, callback);
    }
    const text = typeof config === "string" ? config : String((config as { text?: unknown } | null)?.text);
    // Setup on direct (CREATE, ALTER) may change what names resolve to: before it goes and once it is done.
    sentOnDirect(text);
    const changed = changes.begin();
    // Each statement on `direct` is a transaction of its own: at its end its locks go, a read's too.
    const released = releases.begin();
    const done = (changes: boolean) => {
      changed(changes);
      released();
      sentOnDirect(text);
    };
    const callbackOf = [values, callback].find((candidate) => typeof candidate === "function") as ((error: unknown, result?: unknown) => void) | undefined;
    if (callbackOf !== undefined) {
      const parameters = typeof values === "function" ? undefined : values;
      return query(config, parameters, (error: unknown, result?: unknown) => {
        done(error !== null && error !== undefined ? true : !onlyRead(text, commandsOf(result)));
        callbackOf(error, result);
      });
    }
    return (query(config, values) as Promise<unknown>).then(
      (result) => {
        done(!onlyRead(text, commandsOf(result)));
        return result;
      },
      (error: unknown) => {
        done(true);
        throw error;
      },
    );
  };
};
