import { defineImplementation, type Instance } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { decideInDirectory, type EmailDirectory, emptyDirectory, holdersOf } from "../email-directory.js";
import { type SameEmail, sameEmail } from "../email-rules.js";
import { retryOnConflict } from "../../memory/retry.js";
import { Table } from "../../memory/table.js";

const EMAILS = "e-mails";

/**
 * A live EmailDirectory: every command loads it, decides inside it and saves it only if nobody
 * saved it since (else it starts over). `changeEmailIfCurrent` compares `expected` with the e-mail
 * in the very version it saves over, so its compare-and-set cannot act on a stale read.
 */
export const emailDirectoryInstance = (same: SameEmail): Instance<UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot> => {
  const directories = new Table<EmailDirectory>("directory", emptyDirectory);
  return {
    execute: (command) =>
      retryOnConflict(async () => {
        const loaded = await directories.load(EMAILS);
        const { decision, directory } = decideInDirectory(loaded.value, command, same);
        if (!("email" in decision)) return decision.outcome;
        return (await directories.saveIfVersion(EMAILS, directory, loaded.version)) ? decision.outcome : "conflict";
      }),
    snapshot: () => ({ users: directories.entries().flatMap(([, directory]) => holdersOf(directory)) }),
  };
};

/** Registry aggregate: one EmailDirectory owns the whole set, so one versioned save keeps it unique. */
export const registryUniqueEmail = defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot>({
  family: "unique-email",
  name: "email-registry",
  design: "registry aggregate (EmailDirectory)",
  backend: "memory",
  claim: "linearizable",
  create: () => emailDirectoryInstance(sameEmail),
});
