import type fc from "fast-check";
import { UniqueEmailCommand, type UniqueEmailConfig } from "../../model/unique-email/types.js";
import { commandsFromSchema } from "../commands-from-schema.js";

/**
 * Commands over the scenario's users and its tiny pool of e-mails, whose members collide only after
 * normalization. Registrations and changes, where the races live, outnumber unregistrations; the
 * compare-and-set draws `expected` from the same pool, so it often matches what it should.
 */
export const uniqueEmailCommands = (config: UniqueEmailConfig): fc.Arbitrary<UniqueEmailCommand> =>
  commandsFromSchema(
    UniqueEmailCommand,
    { user: config.users, email: config.emails, expected: config.emails },
    { weights: { register: 4, changeEmail: 2, changeEmailIfCurrent: 2 } },
  );
