import { describe, expect, test } from "vitest";
import { preemptionSource } from "../engine/schedule/preemptions.js";
import { execute } from "../engine/execute.js";
import { planTenantSubscription } from "../implementations/tenant-subscription/memory/plan.js";
import { versionedOrganizationTenantSubscription } from "../implementations/tenant-subscription/memory/versioned-organization.js";
import { tenantSubscriptionModel } from "../model/tenant-subscription/model.js";
import { tenantSubscription } from "../model/tenant-subscription/scenarios.js";
import type { TenantSubscriptionCommand, TenantSubscriptionConfig, TenantSubscriptionOutcome } from "../model/tenant-subscription/types.js";
import { inMemory, verifyCatalogue } from "./support/catalogue-matrix.js";

verifyCatalogue("tenant-subscription", "memory", inMemory);

const subscribe = (organization: string, product: string): TenantSubscriptionCommand => ({ _tag: "subscribe", organization, product });
const unsubscribe = (organization: string, product: string): TenantSubscriptionCommand => ({ _tag: "unsubscribe", organization, product });
/** The model's own fixture, independent of how the scenario is tuned for races. */
const config: TenantSubscriptionConfig = { tenants: { t1: ["o1", "o2"], t2: ["o3"] }, products: ["p1", "p2"] };

const run = (commands: ReadonlyArray<TenantSubscriptionCommand>, state = tenantSubscriptionModel.initial(config)) => {
  const outcomes: TenantSubscriptionOutcome[] = [];
  for (const command of commands) {
    const next = tenantSubscriptionModel.step(state, command, config);
    outcomes.push(next.outcome);
    state = next.state;
  }
  return { outcomes, subscriptions: tenantSubscriptionModel.observe(state).subscriptions };
};

describe("tenant-subscription model", () => {
  test("a product once per tenant, across its organizations; other tenants are free", () => {
    const { outcomes, subscriptions } = run([subscribe("o1", "p1"), subscribe("o2", "p1"), subscribe("o3", "p1"), subscribe("o2", "p2")]);
    expect(outcomes).toEqual(["subscribed", "tenant-has-product", "subscribed", "subscribed"]);
    expect(subscriptions).toEqual([
      ["o1", "p1"],
      ["o2", "p2"],
      ["o3", "p1"],
    ]);
  });

  test("already-subscribed wins over tenant-has-product", () => {
    // Both apply only in a state that already breaks the invariant, which the model can still be asked about.
    const broken = {
      subscriptions: [
        ["o1", "p1"],
        ["o2", "p1"],
      ] as const,
    };
    expect(run([subscribe("o1", "p1")], broken).outcomes).toEqual(["already-subscribed"]);
  });

  test("unsubscribing frees the product for a sibling", () => {
    expect(run([subscribe("o1", "p1"), unsubscribe("o1", "p1"), unsubscribe("o1", "p1"), subscribe("o2", "p1")]).outcomes).toEqual([
      "subscribed",
      "unsubscribed",
      "not-subscribed",
      "subscribed",
    ]);
  });

  test("the invariant names the tenant, the product and the organizations", () => {
    const [one] = tenantSubscriptionModel.invariants;
    expect(
      one?.violations(
        {
          subscriptions: [
            ["o1", "p1"],
            ["o2", "p1"],
            ["o3", "p1"],
          ],
        },
        config,
      ),
    ).toEqual(["tenant t1 has p1 2 times (o1, o2)"]);
  });
});

describe("write skew across a tenant", () => {
  // T1 loads o1 and its sibling o2, then T2 runs to the end, then T1 saves o1.
  const siblings = { prefix: [], branches: [[subscribe("o1", "p1")], [subscribe("o2", "p1")]] };
  const schedule = () => preemptionSource([[[{ step: 2, to: 0 }]], []]);
  const options = { timeLimitMs: 1_000 };

  test("versioned organizations both subscribe: the version guards what is saved, not what was checked", async () => {
    const execution = await execute(tenantSubscription, versionedOrganizationTenantSubscription, siblings, schedule(), options);
    expect(execution.failure).toMatchObject({ kind: "invariant", invariant: "one subscription per product and tenant" });
  });

  test("the SubscriptionPlan makes the second one start over and see the first", async () => {
    const execution = await execute(tenantSubscription, planTenantSubscription, siblings, schedule(), options);
    expect(execution.failure).toBeUndefined();
    expect(execution.history.operations.map((operation) => operation.outcome).sort()).toEqual(["subscribed", "tenant-has-product"]);
  });
});
