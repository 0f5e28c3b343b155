import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import { step } from "../../../engine/step.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { outbox, settlement } from "../../memory/outbox.js";
import { select } from "../../memory/query.js";
import { retryOnConflict } from "../../memory/retry.js";
import { commitUnitOfWork, Table, type Write } from "../../memory/table.js";
import { sameEmail } from "../email-rules.js";

/** The job's messages, by topic (shared with the PostgreSQL design). */
export interface DedupeTopics {
  readonly "registration-requested": { readonly request: string; readonly user: string; readonly email: string };
  readonly "registration-recorded": { readonly request: string; readonly user: string; readonly email: string };
  readonly "unregistration-requested": { readonly request: string; readonly user: string };
}

/** A user as stored: its e-mail once recorded, the order of recording, and whether the job confirmed it. */
interface UserRecord {
  readonly email: string | undefined;
  readonly recorded: number;
  readonly confirmed: boolean;
  readonly handled: ReadonlyArray<string>;
}

const nobody: UserRecord = { email: undefined, recorded: 0, confirmed: false, handled: [] };

/**
 * The seeds' background job: registrations are recorded blind, and a job looks for other users
 * holding the same e-mail; the later registration (in the order they were recorded) is revoked and
 * its final outcome is `email-taken`. Uniqueness holds only once the job has run: at rest.
 * A user can unregister only once its registration is confirmed.
 */
export const dedupeJob = defineEventualImplementation<UniqueEmailConfig, UniqueEmailCommand, UniqueEmailOutcome, UniqueEmailSnapshot, DedupeTopics>({
  family: "unique-email",
  name: "dedupe-job",
  design: "dedupe job",
  backend: "memory",
  keeps: [],
  handles: ["register", "unregister"],
  create({ messages }) {
    const users = new Table<UserRecord>("user", () => nobody);
    let recordings = 0;
    /** Commits one user with its messages; `recording` numbers it when (and only if) the commit succeeds. */
    const onUser = (
      id: string,
      messageId: string,
      decide: (user: UserRecord) => { readonly user: UserRecord; readonly then: ReadonlyArray<Write>; readonly recording?: boolean },
    ) =>
      retryOnConflict(async () => {
        const { value, version } = await users.load(id);
        if (value.handled.includes(messageId)) return "done";
        const { user, then, recording } = decide({ ...value, handled: [...value.handled, messageId] });
        const write = users.write(id, user, version);
        // The order of recording is drawn inside the commit: two recordings never see each other's number backwards.
        const numbered: Write = recording === true ? { ...write, apply: () => users.write(id, { ...user, recorded: ++recordings }, version).apply() } : write;
        return (await commitUnitOfWork([numbered, ...then])) ? "done" : "conflict";
      });

    messages.subscribe("users", {
      "registration-requested": ({ id, payload }) =>
        onUser(payload.user, id, (user) =>
          user.email !== undefined
            ? { user, then: [settlement(messages, payload.request, "already-registered")] }
            : { user: { ...user, email: payload.email, confirmed: false }, then: [outbox(messages, "registration-recorded", payload)], recording: true },
        ),
      "unregistration-requested": ({ id, payload }) =>
        onUser(payload.user, id, (user) =>
          user.email === undefined || !user.confirmed
            ? { user, then: [settlement(messages, payload.request, "unknown-user")] }
            : { user: { ...user, email: undefined, confirmed: false }, then: [settlement(messages, payload.request, "unregistered")] },
        ),
    });

    messages.subscribe("dedupe job", {
      "registration-recorded": async ({ id, payload }) => {
        const holders = await select(users, `e-mail like ${payload.email}`, (user) => user.email !== undefined && sameEmail(user.email, payload.email));
        await onUser(payload.user, id, (user) => {
          const earlier = holders.some(([other, record]) => other !== payload.user && record.recorded < user.recorded);
          return earlier
            ? { user: { ...user, email: undefined, confirmed: false }, then: [settlement(messages, payload.request, "email-taken")] }
            : { user: { ...user, confirmed: true }, then: [settlement(messages, payload.request, "registered")] };
        });
      },
    });

    return {
      request: (command, request) =>
        step(
          `accept ${request}`,
          () => {
            if (command._tag === "register") messages.publish("registration-requested", { request, user: command.user, email: command.email });
            else if (command._tag === "unregister") messages.publish("unregistration-requested", { request, user: command.user });
            else throw new Error(`the dedupe job design accepts registrations only, not ${command._tag}`);
          },
          undefined,
          { writes: ["outbox"] },
        ),
      snapshot: () => {
        const all = users.entries();
        return {
          state: { users: all.flatMap(([id, user]) => (user.email === undefined ? [] : [[id, user.email] as const])) },
          inFlight: all.flatMap(([id, user]) =>
            user.email !== undefined && !user.confirmed ? [`registration of ${id} (${user.email}) awaiting the dedupe job`] : [],
          ),
        };
      },
    };
  },
});
