import type { UniqueEmailCommand } from "../../model/unique-email/types.js";
import { decideEmail, type EmailDecision, requestedEmail, type SameEmail } from "./email-rules.js";

/** The registry aggregate of the seeds: it owns every registered user's e-mail, as typed. */
export interface EmailDirectory {
  readonly users: Readonly<Record<string, string>>;
}

export const emptyDirectory = (): EmailDirectory => ({ users: {} });

/** Decides a command inside the directory and returns the directory after it (the same one if nothing changed). */
export const decideInDirectory = (
  directory: EmailDirectory,
  command: UniqueEmailCommand,
  same: SameEmail,
): { readonly decision: EmailDecision; readonly directory: EmailDirectory } => {
  const wanted = requestedEmail(command);
  const takenByAnother = wanted !== undefined && Object.entries(directory.users).some(([user, email]) => user !== command.user && same(email, wanted));
  const decision = decideEmail(command, directory.users[command.user], takenByAnother, same);
  if (!("email" in decision)) return { decision, directory };
  const others = Object.fromEntries(Object.entries(directory.users).filter(([user]) => user !== command.user));
  return { decision, directory: { users: decision.email === undefined ? others : { ...others, [command.user]: decision.email } } };
};

export const holdersOf = (directory: EmailDirectory): ReadonlyArray<readonly [string, string]> => Object.entries(directory.users);
