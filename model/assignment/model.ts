import { match } from "ts-pattern";
import type { Invariant, ReferenceModel } from "../../engine/reference-model.js";
import { AssignmentCommand, type AssignmentConfig, type AssignmentOutcome, AssignmentSnapshot, JoinOutcome, LeaveOutcome } from "./types.js";

type Pair = readonly [member: string, container: string];

/** The model's state: the set of pairs, kept sorted so that equal states print equally. */
export interface AssignmentState {
  readonly pairs: ReadonlyArray<Pair>;
}

const sorted = (pairs: ReadonlyArray<Pair>): ReadonlyArray<Pair> =>
  [...pairs].sort(([m1, c1], [m2, c2]) => (m1 === m2 ? (c1 < c2 ? -1 : c1 > c2 ? 1 : 0) : m1 < m2 ? -1 : 1));

const countBy = (pairs: ReadonlyArray<Pair>, side: 0 | 1): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair[side], (counts.get(pair[side]) ?? 0) + 1);
  return counts;
};

const join = (state: AssignmentState, member: string, container: string, config: AssignmentConfig) => {
  const has = state.pairs.some(([m, c]) => m === member && c === container);
  const inContainer = state.pairs.filter(([, c]) => c === container).length;
  const ofMember = state.pairs.filter(([m]) => m === member).length;
  const outcome: AssignmentOutcome = has
    ? "already-joined"
    : inContainer >= config.containerLimit
      ? "container-full"
      : ofMember >= config.memberLimit
        ? "member-at-limit"
        : "joined";
  return { outcome, state: outcome === "joined" ? { pairs: sorted([...state.pairs, [member, container]]) } : state };
};

const leave = (state: AssignmentState, member: string, container: string) => {
  const remaining = state.pairs.filter(([m, c]) => !(m === member && c === container));
  return remaining.length === state.pairs.length ? { outcome: "not-joined" as const, state } : { outcome: "left" as const, state: { pairs: remaining } };
};

const overLimit = (pairs: ReadonlyArray<Pair>, side: 0 | 1, limit: number, noun: string): string[] =>
  [...countBy(pairs, side)].filter(([, count]) => count > limit).map(([id, count]) => `${noun} ${id} holds ${count} (limit ${limit})`);

const invariants: ReadonlyArray<Invariant<AssignmentConfig, AssignmentSnapshot>> = [
  {
    name: "container capacity",
    when: "always",
    violations: (snapshot, config) => overLimit(snapshot.containerSide, 1, config.containerLimit, config.nouns.container),
  },
  {
    name: "member limit",
    when: "always",
    violations: (snapshot, config) => overLimit(snapshot.memberSide, 0, config.memberLimit, config.nouns.member),
  },
  {
    name: "both views agree",
    when: "at-rest",
    violations: (snapshot, config) => {
      const key = ([m, c]: Pair) => `${m}|${c}`;
      const containerSide = new Set(snapshot.containerSide.map(key));
      const memberSide = new Set(snapshot.memberSide.map(key));
      return [
        ...snapshot.memberSide
          .filter((pair) => !containerSide.has(key(pair)))
          .map(([m, c]) => `${config.nouns.member} ${m} lists ${config.nouns.container} ${c}, which does not list it`),
        ...snapshot.containerSide
          .filter((pair) => !memberSide.has(key(pair)))
          .map(([m, c]) => `${config.nouns.container} ${c} lists ${config.nouns.member} ${m}, which does not list it`),
      ];
    },
  },
];

export const assignmentModel: ReferenceModel<AssignmentConfig, AssignmentState, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot> = {
  family: "assignment",
  command: AssignmentCommand,
  outcomeOf: (command) => (command._tag === "join" ? JoinOutcome : LeaveOutcome),
  snapshot: AssignmentSnapshot,
  normalize: (snapshot) => ({ memberSide: sorted(snapshot.memberSide), containerSide: sorted(snapshot.containerSide) }),
  initial: () => ({ pairs: [] }),
  step: (state, command, config) =>
    match(command)
      .with({ _tag: "join" }, ({ member, container }) => join(state, member, container, config))
      .with({ _tag: "leave" }, ({ member, container }) => leave(state, member, container))
      .exhaustive(),
  observe: (state) => ({ memberSide: state.pairs, containerSide: state.pairs }),
  invariants,
  describe: (command) => `${command._tag}(${command.member}, ${command.container})`,
};
