import { test } from "vitest";
import { assertClaim } from "../../index.js";
import { waitlistFamily } from "../../examples/waitlist/family.js";
import { lockedWaitlist } from "../../examples/waitlist/locked-waitlist.js";

test("the locked waitlist keeps its claim", () => assertClaim(lockedWaitlist, { family: waitlistFamily }), 120_000);
