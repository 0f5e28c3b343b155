import type { AssignmentConfig } from "../../../model/assignment/types.js";
import { emptyContainer, emptyMember, pairsOf } from "../aggregates.js";
import { Table } from "../../memory/table.js";

/** The tables a memory design keeps its members and containers in, and the harness's view of them. */
export const aggregateTables = (config: AssignmentConfig) => {
  const members = new Table(config.nouns.member, emptyMember);
  const containers = new Table(config.nouns.container, emptyContainer);
  return { members, containers, snapshot: () => pairsOf(members.entries(), containers.entries()) };
};

export type AggregateTables = ReturnType<typeof aggregateTables>;
