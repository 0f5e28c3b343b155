import { type Access, show, step } from "../../engine/step.js";
import type { Versioned } from "../versioned.js";
import { copy } from "./copy.js";

/** One aggregate to save in a unit of work, only if nobody saved it since it was loaded. */
export interface Write {
  readonly label: string;
  readonly conflicts: () => boolean;
  readonly apply: () => void;
  /** What checking and applying it touches; a unit of work with an undeclared write is undeclared. */
  readonly access?: Access;
}

/**
 * An in-memory table of aggregates, one per id. Every call is an await point the harness controls,
 * and values are copied on the way in and out: a repository that handed out its stored object would
 * hide the lost updates that a real database shows.
 */
export class Table<T> {
  private readonly rows = new Map<string, Versioned<T>>();

  constructor(
    /** The domain's word for the aggregate, shown in timelines ("load socket s1"). */
    readonly noun: string,
    private readonly empty: () => T,
  ) {}

  /** Loads an aggregate; one that was never saved comes back empty at version 0. */
  load(id: string): Promise<Versioned<T>> {
    return step(`load ${this.noun} ${id}`, () => copy(this.rows.get(id) ?? { value: this.empty(), version: 0 }), showVersioned, { reads: [this.key(id)] });
  }

  /** Overwrites whatever is stored: last writer wins. */
  save(id: string, value: T): Promise<void> {
    return step(
      `save ${this.noun} ${id} ${JSON.stringify(value)}`,
      () => {
        this.put(id, value);
      },
      show,
      { writes: [this.key(id)] },
    );
  }

  /** Saves only if the stored version is still `expectedVersion` (optimistic concurrency). */
  saveIfVersion(id: string, value: T, expectedVersion: number): Promise<boolean> {
    const write = this.write(id, value, expectedVersion);
    return step(`save ${write.label}`, () => !write.conflicts() && (write.apply(), true), conflictText, write.access);
  }

  /** Every stored aggregate, read without an await point, for snapshots. */
  entries(): ReadonlyArray<readonly [string, T]> {
    return [...this.rows].map(([id, row]) => [id, copy(row.value)] as const);
  }

  /** Describes saving `value` under `id` if the stored version is still `expectedVersion`. */
  write(id: string, value: T, expectedVersion: number): Write {
    return {
      label: `${this.noun} ${id} ${JSON.stringify(value)} if v${expectedVersion}`,
      conflicts: () => this.versionOf(id) !== expectedVersion,
      apply: () => this.put(id, value),
      access: { writes: [this.key(id)] },
    };
  }

  /** Describes checking, in a unit of work, that `id` was not saved since `expectedVersion`. */
  unchanged(id: string, expectedVersion: number): Write {
    return {
      label: `${this.noun} ${id} still v${expectedVersion}`,
      conflicts: () => this.versionOf(id) !== expectedVersion,
      apply: () => undefined,
      access: { reads: [this.key(id)] },
    };
  }

  /** The name under which steps declare that they touch the aggregate `id`, e.g. `lamp l1`. */
  key(id: string): string {
    return `${this.noun} ${id}`;
  }

  private versionOf(id: string): number {
    return this.rows.get(id)?.version ?? 0;
  }

  private put(id: string, value: T): void {
    this.rows.set(id, { value: copy(value), version: this.versionOf(id) + 1 });
  }
}

/** Saves several aggregates of possibly different tables atomically, in one await point. */
export const commitUnitOfWork = (writes: ReadonlyArray<Write>): Promise<boolean> =>
  step(
    `commit ${writes.map((write) => write.label).join(" + ")}`,
    () => {
      if (writes.some((write) => write.conflicts())) return false;
      for (const write of writes) write.apply();
      return true;
    },
    conflictText,
    combinedAccess(writes),
  );

/** Everything the writes touch, or undefined (touches anything) if one of them does not say. */
const combinedAccess = (writes: ReadonlyArray<Write>): Access | undefined =>
  writes.every((write) => write.access !== undefined)
    ? { reads: writes.flatMap((write) => write.access?.reads ?? []), writes: writes.flatMap((write) => write.access?.writes ?? []) }
    : undefined;

const showVersioned = <T>(row: Versioned<T>): string => `${JSON.stringify(row.value)} v${row.version}`;
const conflictText = (saved: boolean): string => (saved ? "saved" : "version conflict");
