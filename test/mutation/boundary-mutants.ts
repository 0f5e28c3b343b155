import type { AnyImplementation } from "../../engine/implementation.js";
import type { AssignmentConfig } from "../../model/assignment/types.js";
import { unitOfWorkAssignment } from "../../implementations/assignment/memory/unit-of-work.js";
import { registryAssignment } from "../../implementations/assignment/memory/registry.js";
import { versionedFlightUnder } from "../../implementations/flight-booking/memory/versioned-flight.js";
import { ledgerUnder } from "../../implementations/bank-transfer/memory/ledger.js";

/** A broken variant of a correct design, and the class of mistake it stands for. */
export interface Mutant {
  readonly mistake: string;
  readonly implementation: AnyImplementation;
}

/**
 * Derives a mutant mechanically from any design of any backend: the design runs unchanged but reads
 * limits that are off in a known way, which is exactly what a limit read from the wrong side, a
 * hard-coded default or a `>` where `>=` belongs does to its checks.
 */
const misreadingLimits = (design: AnyImplementation, mistake: string, misread: (config: AssignmentConfig) => AssignmentConfig): Mutant => ({
  mistake,
  implementation: {
    ...design,
    name: `${design.name}~${mistake.replaceAll(" ", "-")}`,
    design: `${design.design}, mutated: ${mistake}`,
    create: (context: { readonly config: AssignmentConfig }) => design.create({ ...context, config: misread(context.config) }),
  },
});

const assignmentMutantsOf = (design: AnyImplementation): ReadonlyArray<Mutant> => [
  misreadingLimits(design, "limits read from the wrong side", (config) => ({
    ...config,
    memberLimit: config.containerLimit,
    containerLimit: config.memberLimit,
  })),
  misreadingLimits(design, "container limit checked with >", (config) => ({ ...config, containerLimit: config.containerLimit + 1 })),
  misreadingLimits(design, "member limit checked with >", (config) => ({ ...config, memberLimit: config.memberLimit + 1 })),
  misreadingLimits(design, "limits fixed at 2", (config) => ({ ...config, memberLimit: 2, containerLimit: 2 })),
];

/** The boundary mistakes of the assignment family, from both of its correct in-memory designs. */
export const assignmentBoundaryMutants: ReadonlyArray<Mutant> = [unitOfWorkAssignment, registryAssignment].flatMap(assignmentMutantsOf);

const overbooking = (mistake: string, policy: (capacity: number) => number): Mutant => ({
  mistake,
  implementation: versionedFlightUnder(
    policy,
    `flight-versioned-aggregate~${mistake.replaceAll(" ", "-")}`,
    `versioned aggregate (Flight), mutated: ${mistake}`,
  ),
});

/** Wrong overbooking rules in the correct versioned Flight: each differs from floor(capacity × 1.1) at 5, 10 or 20 seats. */
export const flightBoundaryMutants: ReadonlyArray<Mutant> = [
  overbooking("margin forgotten", (capacity) => capacity),
  overbooking("20% instead of 10%", (capacity) => Math.floor((capacity * 12) / 10)),
  overbooking("Math.round", (capacity) => Math.round(capacity * 1.1)),
  // 10 × 1.1 is 11.000000000000002 in floating point: `tickets >= capacity * 1.1` lets a 12th ticket through.
  overbooking("floating capacity * 1.1", (capacity) => capacity * 1.1),
  overbooking("limit checked with >", (capacity) => Math.floor((capacity * 11) / 10) + 1),
];

/** Wrong funds rules in the correct Ledger: each differs from `balance >= amount` when a transfer empties the account. */
export const bankBoundaryMutants: ReadonlyArray<Mutant> = [
  {
    mistake: "funds checked with >",
    implementation: ledgerUnder(
      (balance, amount) => balance > amount,
      "transfer-ledger~funds-checked-with->",
      "registry aggregate (Ledger), mutated: funds checked with >",
    ),
  },
  {
    mistake: "one unit of overdraft allowed",
    implementation: ledgerUnder(
      (balance, amount) => balance + 1 >= amount,
      "transfer-ledger~one-unit-of-overdraft",
      "registry aggregate (Ledger), mutated: one unit of overdraft allowed",
    ),
  },
];
