import { defineImplementation } from "../../../engine/implementation.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../../model/assignment/types.js";
import { decideJoin, decideLeave } from "../aggregates.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

/** The aggregate that owns every assignment; both sides' rules are checked inside it. */
interface MembershipRegistry {
  readonly pairs: ReadonlyArray<readonly [member: string, container: string]>;
}

const REGISTRY = "registry";

/**
 * Registry aggregate: one MembershipRegistry owns the whole set of pairs, so one versioned save
 * covers both limits. Correct, at the price that every command contends for the same aggregate.
 */
export const registryAssignment = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  family: "assignment",
  name: "registry",
  design: "registry aggregate",
  backend: "memory",
  claim: "linearizable",
  create({ config }) {
    const registries = new Table<MembershipRegistry>("membership registry", () => ({ pairs: [] }));
    return {
      execute: ({ _tag, member: memberId, container: containerId }) =>
        retryOnConflict(async () => {
          const registry = await registries.load(REGISTRY);
          const { pairs } = registry.value;
          const member = { containers: pairs.filter(([m]) => m === memberId).map(([, c]) => c) };
          const container = { members: pairs.filter(([, c]) => c === containerId).map(([m]) => m) };
          const decision =
            _tag === "join" ? decideJoin(memberId, member, containerId, container, config) : decideLeave(memberId, member, containerId, container);
          if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
          const others = pairs.filter(([m, c]) => !(m === memberId && c === containerId));
          const next = { pairs: decision.outcome === "joined" ? [...others, [memberId, containerId] as const] : others };
          return (await registries.saveIfVersion(REGISTRY, next, registry.version)) ? decision.outcome : "conflict";
        }),
      snapshot: () => {
        const pairs = registries.entries().flatMap(([, registry]) => registry.pairs);
        return { memberSide: pairs, containerSide: pairs };
      },
    };
  },
});
