import { defineEventualImplementation } from "../../engine/eventual/port.js";
import { step } from "../../engine/step.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";

type Pair = readonly [string, string];
interface Request {
  readonly request: string;
  readonly member: string;
  readonly container: string;
}

const define = <Topics>(
  name: string,
  create: Parameters<typeof defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Topics>>[0]["create"],
) =>
  defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Topics>({
    family: "assignment",
    name,
    design: name,
    backend: "memory",
    keeps: [],
    create,
  });

const both = (pairs: ReadonlyArray<Pair>) => ({ state: { memberSide: pairs, containerSide: pairs }, inFlight: [] });

/** Accepts every request and refuses it: no concurrent run can tell, the requests made one at a time do. */
export const refusesEverything = define<{ readonly decide: Request & { readonly join: boolean } }>("refuses-everything", ({ messages }) => {
  messages.subscribe("clerk", {
    decide: async ({ payload }) => step("refuse", () => messages.settle(payload.request, payload.join ? "container-full" : "not-joined")),
  });
  return {
    request: (command, request) =>
      step("accept", () => messages.publish("decide", { request, member: command.member, container: command.container, join: command._tag === "join" })),
    snapshot: () => both([]),
  };
});

/** A process manager that retries forever and never reports an outcome: it never settles. */
export const retriesForever = define<{ readonly retry: { readonly request: string } }>("retries-forever", ({ messages }) => {
  messages.subscribe("manager", { retry: async ({ payload }) => step("try again later", () => messages.schedule("retry", payload, 3)) });
  return { request: (_command, request) => step("accept", () => messages.publish("retry", { request })), snapshot: () => both([]) };
});

/**
 * Applies joins and leaves blindly in the order they arrive, each request settled by its timeout
 * (a timer `after` steps later): correct only while messages arrive in order.
 */
export const blindInOrder = (after = 0) =>
  define<{ readonly apply: Request & { readonly join: boolean } }>(`blind-in-order-${after}`, ({ messages }) => {
    let pairs: ReadonlyArray<Pair> = [];
    messages.subscribe("pairs", {
      apply: async ({ payload: { request, member, container, join } }) =>
        step(`${join ? "add" : "remove"} ${member} ${container}`, () => {
          pairs = join
            ? [...pairs.filter(([m, c]) => m !== member || c !== container), [member, container]]
            : pairs.filter(([m, c]) => m !== member || c !== container);
          messages.settle(request, join ? "joined" : "left");
        }),
    });
    return {
      request: (command, request) =>
        step("accept", () => {
          const payload = { request, member: command.member, container: command.container, join: command._tag === "join" };
          if (after === 0) messages.publish("apply", payload);
          else messages.schedule("apply", payload, after);
        }),
      snapshot: () => both(pairs),
    };
  });
