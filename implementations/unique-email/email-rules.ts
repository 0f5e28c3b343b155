import type { UniqueEmailCommand, UniqueEmailOutcome } from "../../model/unique-email/types.js";

/** How the application tells two e-mails apart; a design that forgets to normalize passes `===`. */
export type SameEmail = (a: string, b: string) => boolean;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const sameEmail: SameEmail = (a, b) => normalizeEmail(a) === normalizeEmail(b);

/** What a command decided: its outcome and, when it changes anything, the user's e-mail after it. */
export type EmailDecision =
  | { readonly outcome: Exclude<UniqueEmailOutcome, "registered" | "changed" | "unregistered"> }
  | { readonly outcome: "registered" | "changed"; readonly email: string }
  | { readonly outcome: "unregistered"; readonly email: undefined };

/**
 * The domain service behind every e-mail command, given the user's current e-mail and whether
 * another user holds the requested one. Checks run in the order the outcomes take precedence.
 */
export const decideEmail = (command: UniqueEmailCommand, current: string | undefined, takenByAnother: boolean, same: SameEmail): EmailDecision => {
  switch (command._tag) {
    case "register":
      if (current !== undefined) return { outcome: "already-registered" };
      return takenByAnother ? { outcome: "email-taken" } : { outcome: "registered", email: command.email };
    case "changeEmail":
    case "changeEmailIfCurrent":
      if (current === undefined) return { outcome: "unknown-user" };
      if (command._tag === "changeEmailIfCurrent" && !same(command.expected, current)) return { outcome: "stale" };
      if (same(command.email, current)) return { outcome: "unchanged" };
      return takenByAnother ? { outcome: "email-taken" } : { outcome: "changed", email: command.email };
    case "unregister":
      return current === undefined ? { outcome: "unknown-user" } : { outcome: "unregistered", email: undefined };
  }
};

/**
 * The decision from what a check read: the user's own row, if there is one, and every row that
 * holds the requested e-mail (normalized by the query that found them).
 */
export const decideFromRows = (command: UniqueEmailCommand, rows: ReadonlyArray<{ readonly id: string; readonly email: string }>): EmailDecision =>
  decideEmail(
    command,
    rows.find((row) => row.id === command.user)?.email,
    rows.some((row) => row.id !== command.user),
    sameEmail,
  );

/** The e-mail a command asks for, if it asks for one. */
export const requestedEmail = (command: UniqueEmailCommand): string | undefined => (command._tag === "unregister" ? undefined : command.email);
