import { defineEventualImplementation } from "../../../engine/eventual/port.js";
import { step } from "../../../engine/step.js";
import {
  organizationsOfTenant,
  type TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  type TenantSubscriptionSnapshot,
} from "../../../model/tenant-subscription/types.js";
import { outbox, settlement } from "../../memory/outbox.js";
import { select } from "../../memory/query.js";
import { retryOnConflict } from "../../memory/retry.js";
import { commitUnitOfWork, Table, type Write } from "../../memory/table.js";

export interface Request {
  readonly request: string;
  readonly organization: string;
  readonly product: string;
}

/** The messages of the design, by topic (shared with the PostgreSQL design). */
export interface ChargeBackTopics {
  readonly "subscription-requested": Request;
  readonly "subscription-announced": Request;
  readonly "unsubscription-requested": Request;
}

/** A subscription as the organization holds it: in which order it was taken, and whether it survived the check. */
interface Subscription {
  readonly product: string;
  readonly taken: number;
  readonly confirmed: boolean;
}

interface Organization {
  readonly subscriptions: ReadonlyArray<Subscription>;
  readonly handled: ReadonlyArray<string>;
}

/**
 * The seeds' "each organization subscribes and notifies the others, charging back redundant ones":
 * an organization takes the subscription on its own, then announces it; on the announcement the
 * tenant's other organizations are read, and if one of them took the product earlier, this one is
 * charged back (`tenant-has-product`). The rule holds at rest only: for a while two organizations
 * of a tenant may hold the product. An unconfirmed subscription cannot be cancelled yet.
 */
export const subscribeThenChargeBack = defineEventualImplementation<
  TenantSubscriptionConfig,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  ChargeBackTopics
>({
  family: "tenant-subscription",
  name: "subscribe-then-charge-back",
  design: "subscribe then charge back",
  backend: "memory",
  keeps: [],
  create({ config, messages }) {
    const organizations = new Table<Organization>("organization", () => ({ subscriptions: [], handled: [] }));
    let taken = 0;
    const without = (organization: Organization, product: string): Organization => ({
      ...organization,
      subscriptions: organization.subscriptions.filter((held) => held.product !== product),
    });
    /** Commits one organization with its messages; `taking` numbers the new subscription when (and only if) the commit succeeds. */
    const onOrganization = (
      id: string,
      messageId: string,
      decide: (organization: Organization) => { readonly organization: Organization; readonly then: ReadonlyArray<Write>; readonly taking?: string },
    ) =>
      retryOnConflict(async () => {
        const { value, version } = await organizations.load(id);
        if (value.handled.includes(messageId)) return "done";
        const { organization, then, taking } = decide({ ...value, handled: [...value.handled, messageId] });
        const write = organizations.write(id, organization, version);
        const numbered: Write =
          taking === undefined
            ? write
            : {
                ...write,
                apply: () =>
                  organizations
                    .write(
                      id,
                      { ...organization, subscriptions: [...organization.subscriptions, { product: taking, taken: ++taken, confirmed: false }] },
                      version,
                    )
                    .apply(),
              };
        return (await commitUnitOfWork([numbered, ...then])) ? "done" : "conflict";
      });

    messages.subscribe("organizations", {
      "subscription-requested": ({ id, payload }) =>
        onOrganization(payload.organization, id, (organization) =>
          organization.subscriptions.some((held) => held.product === payload.product)
            ? { organization, then: [settlement(messages, payload.request, "already-subscribed")] }
            : { organization, then: [outbox(messages, "subscription-announced", payload)], taking: payload.product },
        ),
      "unsubscription-requested": ({ id, payload }) =>
        onOrganization(payload.organization, id, (organization) =>
          organization.subscriptions.some((held) => held.product === payload.product && held.confirmed)
            ? { organization: without(organization, payload.product), then: [settlement(messages, payload.request, "unsubscribed")] }
            : { organization, then: [settlement(messages, payload.request, "not-subscribed")] },
        ),
    });

    messages.subscribe("siblings", {
      "subscription-announced": async ({ id, payload }) => {
        const siblings = organizationsOfTenant(config, payload.organization).filter((sibling) => sibling !== payload.organization);
        const holders = await select(organizations, `tenant of ${payload.organization} holds ${payload.product}`, (_organization, organizationId) =>
          siblings.includes(organizationId),
        );
        await onOrganization(payload.organization, id, (organization) => {
          const mine = organization.subscriptions.find((held) => held.product === payload.product);
          if (mine === undefined) return { organization, then: [] };
          const earlier = holders.some(([, sibling]) => sibling.subscriptions.some((held) => held.product === payload.product && held.taken < mine.taken));
          return earlier
            ? { organization: without(organization, payload.product), then: [settlement(messages, payload.request, "tenant-has-product")] }
            : {
                organization: {
                  ...organization,
                  subscriptions: organization.subscriptions.map((held) => (held === mine ? { ...held, confirmed: true } : held)),
                },
                then: [settlement(messages, payload.request, "subscribed")],
              };
        });
      },
    });

    return {
      request: (command, request) =>
        step(
          `accept ${request}`,
          () =>
            messages.publish(command._tag === "subscribe" ? "subscription-requested" : "unsubscription-requested", {
              request,
              organization: command.organization,
              product: command.product,
            }),
          undefined,
          {
            writes: ["outbox"],
          },
        ),
      snapshot: () => {
        const all = organizations.entries();
        return {
          state: { subscriptions: all.flatMap(([id, organization]) => organization.subscriptions.map((held) => [id, held.product] as const)) },
          inFlight: all.flatMap(([id, organization]) =>
            organization.subscriptions.filter((held) => !held.confirmed).map((held) => `subscription of ${id} to ${held.product} awaiting its siblings' check`),
          ),
        };
      },
    };
  },
});
