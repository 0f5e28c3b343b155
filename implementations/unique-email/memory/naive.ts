import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideEmail, normalizeEmail, requestedEmail, sameEmail } from "../email-rules.js";
import { select } from "../../memory/query.js";
import { Table } from "../../memory/table.js";

/** A user row; `null` once unregistered. */
interface User {
  readonly email: string | null;
}

/**
 * Naive check-then-insert: scan the users for the e-mail, and save the user if nobody holds it.
 * Between the scan and the save another command can save the same e-mail: both scans came back
 * empty, so both saves go through.
 */
export const naiveUniqueEmail = defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot>({
  family: "unique-email",
  name: "email-naive",
  design: "naive check-then-insert",
  backend: "memory",
  claim: "linearizable",
  create() {
    const users = new Table<User>("user", () => ({ email: null }));
    return {
      async execute(command) {
        const user = await users.load(command.user);
        const wanted = requestedEmail(command);
        const holders =
          wanted === undefined
            ? []
            : await select(
                users,
                `e-mail is ${normalizeEmail(wanted)}`,
                (row, id) => id !== command.user && row.email !== null && sameEmail(row.email, wanted),
              );
        const decision = decideEmail(command, user.value.email ?? undefined, holders.length > 0, sameEmail);
        if (!("email" in decision)) return decision.outcome;
        await users.save(command.user, { email: decision.email ?? null });
        return decision.outcome;
      },
      snapshot: () => ({ users: users.entries().flatMap(([id, user]) => (user.email === null ? [] : [[id, user.email] as const])) }),
    };
  },
});
