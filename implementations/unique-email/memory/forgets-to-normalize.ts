import { defineImplementation } from "../../../engine/implementation.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import type { SameEmail } from "../email-rules.js";
import { emailDirectoryInstance } from "./registry.js";

/** To this comparison "a@x.io" and " A@x.io" are two different e-mails. */
const asTyped: SameEmail = (a, b) => a === b;

/**
 * The EmailDirectory of the registry design, with its locking right, but comparing e-mails as
 * typed: broken without any concurrency, by the second user who types the same e-mail differently.
 */
export const forgetsToNormalizeUniqueEmail = defineImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot>({
  family: "unique-email",
  name: "email-forgets-to-normalize",
  design: "registry aggregate that forgets to normalize",
  backend: "memory",
  claim: "linearizable",
  create: () => emailDirectoryInstance(asTyped),
});
