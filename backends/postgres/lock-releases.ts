import { ChangeCount } from "./change-count.js";
import { cannotCommit } from "./state-changes.js";

/** Words of the statements that may release locks inside a transaction: a rollback (to a savepoint too), an advisory unlock. */
const RELEASES = /ROLLBACK|ABORT|UNLOCK/i;

/**
 * Whether a statement sent on a gated connection cannot release a lock if it succeeds: one that cannot
 * commit (see {@link cannotCommit}) and neither rolls back nor unlocks. Inside a transaction, locks are
 * held until it ends. A statement that fails ends its transaction on the server at once (the block
 * only waits for its ROLLBACK): the gated client counts every failure as a release when it arrives.
 */
export const cannotRelease = (text: string, status: string | null, queuedBefore: number): boolean =>
  cannotCommit(text, status, queuedBefore) && !RELEASES.test(text);

/**
 * Counts what may have released a lock on the server: statements that may end a transaction or roll
 * part of one back, failed statements, every statement on `direct` (each is its own transaction),
 * connections returned, removed or ended. While the count stands, a statement found waiting for locks
 * held by tasks still waits for exactly those tasks: a lock wait ends only when a lock is released,
 * and no process can come to block it meanwhile (a new request that conflicts queues behind it). The
 * probe then need not ask the server again (see blockingProbe).
 */
export class LockReleases extends ChangeCount {}
