import { defineImplementation } from "../../../engine/implementation.js";
import { withLocks } from "../../../engine/locks/lock.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { aggregateTables } from "./aggregate-tables.js";
import { checkThenAct } from "./naive.js";

const lockDesign = (lockMember: boolean) =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    family: "assignment",
    name: lockMember ? "locks" : "container-lock-only",
    design: lockMember ? "a lock per member and per container" : "a lock per container only",
    backend: "memory",
    claim: "linearizable",
    create({ config }) {
      const tables = aggregateTables(config);
      return {
        execute: (command) => {
          const keys = [`${config.nouns.container} ${command.container}`, ...(lockMember ? [`${config.nouns.member} ${command.member}`] : [])];
          // The naive check-then-act, made safe by holding the lock of every aggregate it reads.
          return withLocks(keys, () => checkThenAct(tables, config, command));
        },
        snapshot: tables.snapshot,
      };
    },
  });

/**
 * Pessimistic locks: each command holds the lock of its member and of its container (taken in one
 * canonical order) from its first load to its last save, so no other command reads either aggregate
 * in between. Correct; commands on different pairs still run concurrently.
 */
export const locksAssignment = lockDesign(true);

/**
 * Locks only the container: two joins of one member to two containers hold different locks, load
 * the same member, and the later save of the member overwrites the earlier one (its limit is
 * checked against a stale list).
 */
export const containerLockOnly = lockDesign(false);
