import { match } from "ts-pattern";
import type { Invariant, ReferenceModel } from "../../engine/reference-model.js";
import {
  organizationsOfTenant,
  SubscribeOutcome,
  TenantSubscriptionCommand,
  type TenantSubscriptionConfig,
  type TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot,
  tenantOf,
  UnsubscribeOutcome,
} from "./types.js";

type Subscription = readonly [organization: string, product: string];

/** Every subscription, sorted so that equal states print equally. */
export interface TenantSubscriptionState {
  readonly subscriptions: ReadonlyArray<Subscription>;
}

const sorted = (subscriptions: ReadonlyArray<Subscription>): ReadonlyArray<Subscription> =>
  [...subscriptions].sort(([o1, p1], [o2, p2]) => (o1 === o2 ? (p1 < p2 ? -1 : p1 > p2 ? 1 : 0) : o1 < o2 ? -1 : 1));

const holds = (state: TenantSubscriptionState, organization: string, product: string): boolean =>
  state.subscriptions.some(([o, p]) => o === organization && p === product);

const subscribe = (state: TenantSubscriptionState, organization: string, product: string, config: TenantSubscriptionConfig) => {
  const siblings = organizationsOfTenant(config, organization).filter((other) => other !== organization);
  const outcome: SubscribeOutcome = holds(state, organization, product)
    ? "already-subscribed"
    : siblings.some((sibling) => holds(state, sibling, product))
      ? "tenant-has-product"
      : "subscribed";
  return { outcome, state: outcome === "subscribed" ? { subscriptions: sorted([...state.subscriptions, [organization, product]]) } : state };
};

const unsubscribe = (state: TenantSubscriptionState, organization: string, product: string) =>
  holds(state, organization, product)
    ? { outcome: "unsubscribed" as const, state: { subscriptions: state.subscriptions.filter(([o, p]) => !(o === organization && p === product)) } }
    : { outcome: "not-subscribed" as const, state };

const invariants: ReadonlyArray<Invariant<TenantSubscriptionConfig, TenantSubscriptionSnapshot>> = [
  {
    name: "one subscription per product and tenant",
    when: "always",
    violations: (snapshot, config) => {
      // A list, not a set: an organization subscribed twice to one product breaks the rule as well.
      const holders = new Map<string, string[]>();
      for (const [organization, product] of snapshot.subscriptions) {
        const key = `tenant ${tenantOf(config, organization)} has ${product}`;
        holders.set(key, [...(holders.get(key) ?? []), organization]);
      }
      return [...holders]
        .filter(([, organizations]) => organizations.length > 1)
        .map(([key, organizations]) => `${key} ${organizations.length} times (${organizations.join(", ")})`);
    },
  },
];

export const tenantSubscriptionModel: ReferenceModel<
  TenantSubscriptionConfig,
  TenantSubscriptionState,
  TenantSubscriptionCommand,
  TenantSubscriptionOutcome,
  TenantSubscriptionSnapshot
> = {
  family: "tenant-subscription",
  command: TenantSubscriptionCommand,
  outcomeOf: (command) => (command._tag === "subscribe" ? SubscribeOutcome : UnsubscribeOutcome),
  snapshot: TenantSubscriptionSnapshot,
  normalize: (snapshot) => ({ subscriptions: sorted(snapshot.subscriptions) }),
  initial: () => ({ subscriptions: [] }),
  step: (state, command, config) =>
    match(command)
      .with({ _tag: "subscribe" }, ({ organization, product }) => subscribe(state, organization, product, config))
      .with({ _tag: "unsubscribe" }, ({ organization, product }) => unsubscribe(state, organization, product))
      .exhaustive(),
  observe: (state) => state,
  invariants,
  describe: (command) => `${command._tag}(${command.organization}, ${command.product})`,
};
