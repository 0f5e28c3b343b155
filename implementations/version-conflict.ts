/** Someone saved the aggregate since it was loaded: the command must start over. */
export class VersionConflict extends Error {
  constructor(readonly aggregate: string) {
    super(`${aggregate} was saved by someone else since it was loaded`);
  }
}

/** For `retryTransaction`: a stale version is the application's own reason to run the transaction again. */
export const isVersionConflict = (error: unknown): boolean => error instanceof VersionConflict;
