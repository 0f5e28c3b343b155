import type { PostgresEnvironment } from "../../../backends/postgres/environment.js";
import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import type { UniqueEmailCommand, UniqueEmailConfig, UniqueEmailOutcome, UniqueEmailSnapshot } from "../../../model/unique-email/types.js";
import { inOutboxTransaction, outboxTables, publishAlone, restartOutbox, subscribeRelay, UNRELAYED } from "../../postgres/outbox.js";
import { resetTables } from "../../postgres/table-definition.js";
import { sameEmail } from "../email-rules.js";
import type { DedupeTopics } from "../memory/dedupe-job.js";

const tables = [
  ...outboxTables,
  {
    name: "dedupe_users",
    ddl: "CREATE TABLE dedupe_users (id text PRIMARY KEY, email text, recorded int NOT NULL DEFAULT 0, confirmed boolean NOT NULL DEFAULT false)",
  },
  { name: "dedupe_recordings", ddl: "CREATE TABLE dedupe_recordings (id int PRIMARY KEY, last int NOT NULL)" },
];

interface UserRow {
  readonly email: string | null;
  readonly recorded: number;
  readonly confirmed: boolean;
}

/**
 * The seeds' background job on PostgreSQL: a registration is recorded blind, numbered from a counter
 * row it locks until its commit (so the numbers follow the order of the commits), and the job,
 * woken by its outbox row, revokes it (`email-taken`) if another user recorded the same e-mail
 * earlier, or confirms it. Uniqueness holds only once the job has run: at rest.
 */
export const dedupeJobOnPostgres = defineEventualImplementation<
  UniqueEmailConfig,
  UniqueEmailCommand,
  UniqueEmailOutcome,
  UniqueEmailSnapshot,
  DedupeTopics,
  PostgresEnvironment
>({
  family: "unique-email",
  name: "pg-dedupe-job",
  design: "dedupe job",
  backend: "postgres",
  keeps: [],
  handles: ["register", "unregister"],
  async create({ config, messages, pool, direct }) {
    await resetTables(direct, tables);
    await restartOutbox(direct);
    await direct.query("INSERT INTO dedupe_users (id) SELECT unnest($1::text[])", [config.users]);
    await direct.query("INSERT INTO dedupe_recordings VALUES (1, 0)");
    subscribeRelay(pool, messages);

    messages.subscribe("users", {
      "registration-requested": ({ id, payload }) =>
        inOutboxTransaction(pool, messages, { consumer: "users", message: id }, async ({ client, publish, settle }) => {
          const { rows } = await client.query<UserRow>("SELECT email FROM dedupe_users WHERE id = $1 FOR UPDATE", [payload.user]);
          if (rows[0]?.email != null) return settle(payload.request, "already-registered");
          // Held until the commit: the next registration draws its number after this one committed.
          await client.query("UPDATE dedupe_recordings SET last = last + 1 WHERE id = 1");
          await client.query(
            "UPDATE dedupe_users SET email = $2, confirmed = false, recorded = (SELECT last FROM dedupe_recordings WHERE id = 1) WHERE id = $1",
            [payload.user, payload.email],
          );
          await publish("registration-recorded", payload);
        }),
      "unregistration-requested": ({ id, payload }) =>
        inOutboxTransaction(pool, messages, { consumer: "users", message: id }, async ({ client, settle }) => {
          const { rows } = await client.query<UserRow>("SELECT email, confirmed FROM dedupe_users WHERE id = $1 FOR UPDATE", [payload.user]);
          const user = rows[0];
          if (user?.email == null || !user.confirmed) return settle(payload.request, "unknown-user");
          await client.query("UPDATE dedupe_users SET email = NULL, confirmed = false WHERE id = $1", [payload.user]);
          await settle(payload.request, "unregistered");
        }),
    });

    messages.subscribe("dedupe job", {
      "registration-recorded": async ({ id, payload }) => {
        const { rows: holders } = await pool.query<UserRow & { readonly id: string }>("SELECT id, email, recorded FROM dedupe_users WHERE email IS NOT NULL");
        const others = holders.filter((holder) => holder.id !== payload.user && holder.email !== null && sameEmail(holder.email, payload.email));
        await inOutboxTransaction(pool, messages, { consumer: "dedupe job", message: id }, async ({ client, settle }) => {
          const { rows } = await client.query<UserRow>("SELECT recorded FROM dedupe_users WHERE id = $1 FOR UPDATE", [payload.user]);
          const recorded = rows[0]?.recorded ?? 0;
          if (others.some((other) => other.recorded < recorded)) {
            await client.query("UPDATE dedupe_users SET email = NULL, confirmed = false WHERE id = $1", [payload.user]);
            return settle(payload.request, "email-taken");
          }
          await client.query("UPDATE dedupe_users SET confirmed = true WHERE id = $1", [payload.user]);
          await settle(payload.request, "registered");
        });
      },
    });

    return {
      request: (command, request) => {
        if (command._tag === "register") return publishAlone(pool, messages, "registration-requested", { request, user: command.user, email: command.email });
        if (command._tag === "unregister") return publishAlone(pool, messages, "unregistration-requested", { request, user: command.user });
        throw new Error(`the dedupe job design accepts registrations only, not ${command._tag}`);
      },
      snapshot: async () => {
        const { rows } = await direct.query<{ users: Array<[string, string]>; waiting: string[]; unrelayed: string[] }>(`
          SELECT
            (SELECT coalesce(json_agg(json_build_array(id, email) ORDER BY id), '[]') FROM dedupe_users WHERE email IS NOT NULL) AS users,
            (SELECT coalesce(json_agg(format('registration of %s (%s) awaiting the dedupe job', id, email) ORDER BY id), '[]')
               FROM dedupe_users WHERE email IS NOT NULL AND NOT confirmed) AS waiting,
            ${UNRELAYED} AS unrelayed`);
        const row = rows[0];
        return { state: { users: row?.users ?? [] }, inFlight: [...(row?.waiting ?? []), ...(row?.unrelayed ?? [])] };
      },
    };
  },
});
