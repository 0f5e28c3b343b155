import { statfsSync } from "node:fs";
import { tmpdir } from "node:os";

/**
 * Memory-backed directory for the embedded server's data, where the machine has one with room to
 * spare. Every execution begins with a TRUNCATE, which gives each table new files: on a disk that is
 * file creation and removal in the kernel's journal, several milliseconds of each run; in memory, a
 * fraction of that. Durability is worth nothing to a throwaway server (it runs with fsync off).
 */
const MEMORY_ROOT = "/dev/shm";

/**
 * Room the memory directory must have free. A fresh data directory is about 40 MB, but the write-ahead
 * log of a long run may grow to max_wal_size (1 GB) before a checkpoint recycles it; containers often
 * mount a 64 MB /dev/shm, which would fill mid-run.
 */
const MEMORY_ROOT_FREE_BYTES = 2 * 1024 ** 3;

const hasRoom = (path: string): boolean => {
  try {
    const { bavail, bsize } = statfsSync(path);
    return bavail * bsize >= MEMORY_ROOT_FREE_BYTES;
  } catch {
    return false;
  }
};

/**
 * Where embedded servers keep their directories: the temporary directory when TMPDIR names one (the
 * user's choice), else memory when it has room, else the system's temporary directory.
 */
export const serverRoot = (): string => (process.env.TMPDIR === undefined && hasRoom(MEMORY_ROOT) ? MEMORY_ROOT : tmpdir());

/** Every place an earlier process may have left a server: both, whatever the room today. */
export const serverRoots = (): ReadonlyArray<string> => [...new Set([MEMORY_ROOT, tmpdir()])];
