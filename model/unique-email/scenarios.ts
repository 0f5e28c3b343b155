import type { Scenario } from "../../engine/reference-model.js";
import { type UniqueEmailState, uniqueEmailModel } from "./model.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "./types.js";

export type UniqueEmailScenario = Scenario<UniqueEmailConfig, UniqueEmailState, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot>;

export const uniqueEmail: UniqueEmailScenario = {
  name: "unique-email",
  summary: "users register with an e-mail no other user holds, compared after trimming and lower-casing",
  model: uniqueEmailModel,
  // Three spellings of one e-mail and one other: collisions that only normalization reveals.
  config: { users: ["u1", "u2", "u3"], emails: ["a@x.io", " A@x.io", "a@X.IO ", "b@x.io"] },
};

export const uniqueEmailScenarios: ReadonlyArray<UniqueEmailScenario> = [uniqueEmail];
