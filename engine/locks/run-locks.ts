/** One task waiting for a lock: whom it waits for, and for which key. */
export interface LockWait {
  readonly task: string;
  readonly key: string;
  readonly heldBy: string;
}

/**
 * The harness locks of one run: which task holds each key, and which key each task is parked
 * waiting to take. The engine never releases a task whose wanted key another task holds: that task
 * is blocked, not enabled, and the engine decides among the others.
 */
export class RunLocks {
  private readonly holders = new Map<string, string>();
  private readonly wanted = new Map<string, string>();

  constructor(private readonly onRelease: (task: string, key: string) => void = () => undefined) {}

  /** `task` is about to park at the gate that takes `key`. */
  want(task: string, key: string): void {
    if (this.holders.get(key) === task) throw new Error(`lock "${key}" is already held by this task: locks are not reentrant`);
    this.wanted.set(task, key);
  }

  /** Runs at the gate, once the engine released `task`: the key is free by construction. */
  acquire(task: string, key: string): void {
    const holder = this.holders.get(key);
    if (holder !== undefined) throw new Error(`lock "${key}" taken by ${task} while ${holder} holds it`);
    this.wanted.delete(task);
    this.holders.set(key, task);
  }

  release(task: string, key: string): void {
    if (this.holders.get(key) !== task) return;
    this.holders.delete(key);
    this.onRelease(task, key);
  }

  /** What `task` waits for, when it is parked before a key another task holds. */
  blocked(task: string): LockWait | undefined {
    const key = this.wanted.get(task);
    const heldBy = key === undefined ? undefined : this.holders.get(key);
    return key === undefined || heldBy === undefined || heldBy === task ? undefined : { task, key, heldBy };
  }

  /**
   * The waits-for chain from `first` (every live task blocked): each task waits for the holder of its
   * key, until the chain comes back to a task already on it (a cycle) or reaches a task that is not
   * waiting (it finished without releasing). Only the cycle itself is returned when there is one.
   */
  chain(first: string): ReadonlyArray<LockWait> {
    const waits: LockWait[] = [];
    for (let wait = this.blocked(first); wait !== undefined; wait = this.blocked(wait.heldBy)) {
      const { heldBy } = wait;
      waits.push(wait);
      const back = waits.findIndex((earlier) => earlier.task === heldBy);
      if (back >= 0) return waits.slice(back);
    }
    return waits;
  }
}
