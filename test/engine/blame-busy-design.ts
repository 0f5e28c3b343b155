import { defineImplementation } from "../../engine/implementation.js";
import { step } from "../../engine/step.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";

/** Spins forever, without ever yielding, once two members have joined: no timer can stop it. */
const spinForever = (): never => {
  for (;;) {
    // A design's bug: waits for a flag that only another task could set.
  }
};

/** The registry design, except that its third join spins forever after its first step. */
export const spinsOnThirdJoin = defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
  ...registryAssignment,
  name: "spins-on-third-join",
  design: "registry that spins on its third join",
  async create(context) {
    const inner = await registryAssignment.create(context);
    let joins = 0;
    return {
      ...inner,
      async execute(command) {
        await step("count joins", () => undefined);
        if (command._tag === "join" && ++joins === 3) spinForever();
        return inner.execute(command);
      },
    };
  },
});
