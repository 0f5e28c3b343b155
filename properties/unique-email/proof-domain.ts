import type { UniqueEmailCommand, UniqueEmailConfig } from "../../model/unique-email/types.js";

/**
 * The proof domain of the unique-email family (6 commands): the scenario's first two users register
 * two spellings of one e-mail that collide only after normalization ("a@x.io", " A@x.io"), both
 * change to the last e-mail of the pool (another address), and both unregister. Pairs cover two
 * registrations of one e-mail (the naive scan race, and forgetting to normalize even in sequence),
 * a change racing a registration or a change to the same address, and an unregister racing a
 * registration; triples after one command cover a user registered first, then three of the rest.
 * Not covered: a third user, `changeEmailIfCurrent`, and changes between the colliding spellings.
 */
export const uniqueEmailProofCommands = (config: UniqueEmailConfig): ReadonlyArray<UniqueEmailCommand> => {
  const [first, second] = config.users;
  const [colliding, spelledOtherwise] = config.emails;
  const other = config.emails.at(-1);
  if (first === undefined || second === undefined || colliding === undefined || spelledOtherwise === undefined || other === undefined) {
    throw new Error("the unique-email proof domain needs two users and two e-mails");
  }
  return [
    { _tag: "register", user: first, email: colliding },
    { _tag: "register", user: second, email: spelledOtherwise },
    { _tag: "changeEmail", user: first, email: other },
    { _tag: "changeEmail", user: second, email: other },
    { _tag: "unregister", user: first },
    { _tag: "unregister", user: second },
  ];
};

/** What a unique-email proof leaves out, for the verdict line. */
export const uniqueEmailProofGaps = (_config: UniqueEmailConfig): string => "a third user, changeEmailIfCurrent, changes between the colliding spellings";
