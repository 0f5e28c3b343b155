import { match } from "ts-pattern";
import type { Invariant, ReferenceModel } from "../../engine/reference-model.js";
import {
  ChangeEmailIfCurrentOutcome,
  ChangeEmailOutcome,
  RegisterOutcome,
  UniqueEmailCommand,
  type UniqueEmailConfig,
  type UniqueEmailOutcome,
  UniqueEmailSnapshot,
  UnregisterOutcome,
} from "./types.js";

type Holder = readonly [user: string, email: string];

/** Every registered user with the e-mail as typed, sorted by user. */
export interface UniqueEmailState {
  readonly users: ReadonlyArray<Holder>;
}

/** The scenario's notion of "the same e-mail". */
export const normalized = (email: string): string => email.trim().toLowerCase();

const byUser = (users: ReadonlyArray<Holder>): ReadonlyArray<Holder> => [...users].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const emailOf = (state: UniqueEmailState, user: string): string | undefined => state.users.find(([holder]) => holder === user)?.[1];

const takenByAnother = (state: UniqueEmailState, user: string, email: string): boolean =>
  state.users.some(([holder, held]) => holder !== user && normalized(held) === normalized(email));

const withEmail = (state: UniqueEmailState, user: string, email: string | undefined): UniqueEmailState => {
  const others = state.users.filter(([holder]) => holder !== user);
  return { users: email === undefined ? others : byUser([...others, [user, email]]) };
};

const register = (state: UniqueEmailState, user: string, email: string) => {
  const outcome: RegisterOutcome =
    emailOf(state, user) !== undefined ? "already-registered" : takenByAnother(state, user, email) ? "email-taken" : "registered";
  return { outcome, state: outcome === "registered" ? withEmail(state, user, email) : state };
};

/**
 * `changeEmail` and, with `expected`, `changeEmailIfCurrent`. `expected` is compared normalized,
 * like every e-mail in this scenario: a caller who saw " A@x.io" and passes "a@x.io" saw the same
 * e-mail. An `unchanged` e-mail keeps its stored spelling, so a spelling never changes without the
 * e-mail changing, and the normalized comparison loses nothing a compare-and-set should detect.
 */
const change = (state: UniqueEmailState, user: string, email: string, expected?: string) => {
  const current = emailOf(state, user);
  const outcome: ChangeEmailIfCurrentOutcome =
    current === undefined
      ? "unknown-user"
      : expected !== undefined && normalized(expected) !== normalized(current)
        ? "stale"
        : normalized(email) === normalized(current)
          ? "unchanged"
          : takenByAnother(state, user, email)
            ? "email-taken"
            : "changed";
  return { outcome, state: outcome === "changed" ? withEmail(state, user, email) : state };
};

const unregister = (state: UniqueEmailState, user: string) =>
  emailOf(state, user) === undefined
    ? { outcome: "unknown-user" as const, state }
    : { outcome: "unregistered" as const, state: withEmail(state, user, undefined) };

const invariants: ReadonlyArray<Invariant<UniqueEmailConfig, UniqueEmailSnapshot>> = [
  {
    name: "unique e-mail",
    when: "always",
    violations: (snapshot) => {
      const holders = new Map<string, Holder[]>();
      for (const holder of snapshot.users) holders.set(normalized(holder[1]), [...(holders.get(normalized(holder[1])) ?? []), holder]);
      return [...holders]
        .filter(([, sharing]) => sharing.length > 1)
        .map(([email, sharing]) => `${sharing.map(([user, typed]) => `${user} (${JSON.stringify(typed)})`).join(" and ")} hold the same e-mail ${email}`);
    },
  },
];

const quoted = (email: string): string => JSON.stringify(email);

export const uniqueEmailModel: ReferenceModel<UniqueEmailConfig, UniqueEmailState, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot> = {
  family: "unique-email",
  command: UniqueEmailCommand,
  outcomeOf: (command) =>
    match(command)
      .with({ _tag: "register" }, () => RegisterOutcome)
      .with({ _tag: "changeEmail" }, () => ChangeEmailOutcome)
      .with({ _tag: "changeEmailIfCurrent" }, () => ChangeEmailIfCurrentOutcome)
      .with({ _tag: "unregister" }, () => UnregisterOutcome)
      .exhaustive(),
  snapshot: UniqueEmailSnapshot,
  normalize: (snapshot) => ({ users: byUser(snapshot.users) }),
  initial: () => ({ users: [] }),
  step: (state, command) =>
    match(command)
      .with({ _tag: "register" }, ({ user, email }) => register(state, user, email))
      .with({ _tag: "changeEmail" }, ({ user, email }) => change(state, user, email))
      .with({ _tag: "changeEmailIfCurrent" }, ({ user, expected, email }) => change(state, user, email, expected))
      .with({ _tag: "unregister" }, ({ user }) => unregister(state, user))
      .exhaustive(),
  observe: (state) => state,
  invariants,
  // E-mails are quoted so that the spaces that make two of them differ stay visible in reports.
  describe: (command) =>
    match(command)
      .with({ _tag: "register" }, { _tag: "changeEmail" }, ({ _tag, user, email }) => `${_tag}(${user}, ${quoted(email)})`)
      .with({ _tag: "changeEmailIfCurrent" }, ({ user, expected, email }) => `changeEmailIfCurrent(${user}, ${quoted(expected)}, ${quoted(email)})`)
      .with({ _tag: "unregister" }, ({ user }) => `unregister(${user})`)
      .exhaustive(),
};
