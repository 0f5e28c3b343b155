import fc from "fast-check";
import { commandKinds } from "../../engine/random/command-kinds.js";
import type { UniqueEmailCommand, UniqueEmailConfig } from "../../model/unique-email/types.js";

/**
 * Commands over the scenario's users and its tiny pool of e-mails, whose members collide only after
 * normalization. Registrations and changes, where the races live, outnumber unregistrations; the
 * compare-and-set draws `expected` from the same pool, so it often matches what it should.
 */
export const uniqueEmailCommands = (config: UniqueEmailConfig): fc.Arbitrary<UniqueEmailCommand> => {
  const user = fc.constantFrom(...config.users);
  const email = fc.constantFrom(...config.emails);
  return commandKinds<UniqueEmailCommand>(
    { weight: 4, arbitrary: fc.record({ _tag: fc.constant("register" as const), user, email }) },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("changeEmail" as const), user, email }) },
    { weight: 2, arbitrary: fc.record({ _tag: fc.constant("changeEmailIfCurrent" as const), user, expected: email, email }) },
    { weight: 1, arbitrary: fc.record({ _tag: fc.constant("unregister" as const), user }) },
  );
};
