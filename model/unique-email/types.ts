import { Schema } from "effect";
import type { Implementation } from "../../engine/implementation.js";

/**
 * Family B, unique e-mail: no two registered users hold the same e-mail, where e-mails are compared
 * after trimming and lower-casing. Shared with implementations; the rules live in `model.ts`.
 */

export const Register = Schema.TaggedStruct("register", { user: Schema.String, email: Schema.String });
export const ChangeEmail = Schema.TaggedStruct("changeEmail", { user: Schema.String, email: Schema.String });
/** The seeds' compare-and-set form: `expected` is the e-mail the caller saw. */
export const ChangeEmailIfCurrent = Schema.TaggedStruct("changeEmailIfCurrent", { user: Schema.String, expected: Schema.String, email: Schema.String });
export const Unregister = Schema.TaggedStruct("unregister", { user: Schema.String });
export const UniqueEmailCommand = Schema.Union([Register, ChangeEmail, ChangeEmailIfCurrent, Unregister]);
export type UniqueEmailCommand = typeof UniqueEmailCommand.Type;

/** Listed in order of precedence: when several failures apply, the first one listed wins. */
export const RegisterOutcome = Schema.Literals(["registered", "already-registered", "email-taken"]);
export const ChangeEmailOutcome = Schema.Literals(["changed", "unknown-user", "unchanged", "email-taken"]);
export const ChangeEmailIfCurrentOutcome = Schema.Literals(["changed", "unknown-user", "stale", "unchanged", "email-taken"]);
export const UnregisterOutcome = Schema.Literals(["unregistered", "unknown-user"]);
export type RegisterOutcome = typeof RegisterOutcome.Type;
export type ChangeEmailOutcome = typeof ChangeEmailOutcome.Type;
export type ChangeEmailIfCurrentOutcome = typeof ChangeEmailIfCurrentOutcome.Type;
export type UnregisterOutcome = typeof UnregisterOutcome.Type;
export type UniqueEmailOutcome = RegisterOutcome | ChangeEmailOutcome | ChangeEmailIfCurrentOutcome | UnregisterOutcome;

/**
 * Every registered user as `[user, e-mail]`, the e-mail kept as the user typed it (spaces and case
 * included): only comparisons normalize, so a design that stores what it was given is not penalized.
 */
export const UniqueEmailSnapshot = Schema.Struct({ users: Schema.Array(Schema.Tuple([Schema.String, Schema.String])) });
export type UniqueEmailSnapshot = typeof UniqueEmailSnapshot.Type;

export interface UniqueEmailConfig {
  /** The ids that generated commands use. */
  readonly users: ReadonlyArray<string>;
  /** The e-mails that generated commands use: a tiny pool whose members collide after normalization. */
  readonly emails: ReadonlyArray<string>;
}

export type UniqueEmailImplementation = Implementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot>;
