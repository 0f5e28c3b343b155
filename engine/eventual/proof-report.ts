import { ms, plural } from "../report/format.js";
import { requestCount } from "./case.js";
import { eventualHeadline } from "./failure.js";
import { describeFault } from "./faults.js";
import type { EventualProofBound, EventualProofVerdict } from "./proof.js";

/** `group-membership · slot-reservation saga (slot-reservation-saga) · memory · exhaustive` */
export const eventualProofTitle = (verdict: EventualProofVerdict): string =>
  `${verdict.scenario} · ${verdict.implementation.design} (${verdict.implementation.name}) · ${verdict.implementation.backend} · exhaustive`;

/** What the bound covers, in words: requests, faults per run, delivery orders. */
export const eventualBoundText = (bound: EventualProofBound): string =>
  [
    `1–${bound.maxRequests} requests (up to ${bound.maxPrefix} one at a time, each settled before the next, or 2 concurrently after the others)`,
    `every set of up to ${plural(bound.maxFaults, "fault")} per run at every place it can strike (duplicate, reorder, crash at each await point, crash before each send)`,
    bound.maxSwitches === undefined
      ? "every delivery order and every interleaving of steps"
      : `every delivery order, with ${bound.maxSwitches === 0 ? "each running task going on to its end" : `up to ${`${bound.maxSwitches} switch${bound.maxSwitches === 1 ? "" : "es"}`} away from a running task`}`,
  ].join("; ");

/** What the proof leaves out: larger programs and fault sets, and the family's gaps. */
const notCovered = (verdict: EventualProofVerdict): string =>
  [
    `${verdict.bound.maxRequests + 1}+ requests`,
    `${verdict.bound.maxFaults + 1}+ faults in one run`,
    ...(verdict.bound.maxSwitches === undefined ? [] : [`interleavings with ${verdict.bound.maxSwitches + 1}+ switches inside running tasks`]),
    ...(verdict.notCovered === undefined ? [] : [verdict.notCovered]),
  ].join(", ");

/** One line: the proof and what it covers, or the smallest counterexample, or why there is no proof. */
export const eventualProofLine = (verdict: EventualProofVerdict): string => {
  const title = eventualProofTitle(verdict);
  const domain = `${plural(verdict.programs, "program")} over ${verdict.commands.join(", ")}`;
  switch (verdict.status) {
    case "verified":
      return `✓ verified  ${title}: within ${domain}; ${eventualBoundText(verdict.bound)}: ${plural(verdict.executions, "execution")} (${verdict.runsExplored} programs and fault sets, ${verdict.faultSetsExplored} of them with faults), ${ms(verdict.durationMs)}; not covered: ${notCovered(verdict)}`;
    case "unknown":
      return `? unknown   ${title}: no violation in ${plural(verdict.executions, "execution")}, but ${verdict.undecided} were too large to decide: not a proof`;
    case "incomplete":
      return `? incomplete ${title}: no violation in ${plural(verdict.executions, "execution")} covering ${verdict.runsExplored} programs and fault sets, then the ${verdict.stoppedBy === "time" ? "time" : "execution"} budget ran out: not a proof`;
    case "violated": {
      const example = verdict.counterexample;
      const failure = example?.execution.failure;
      const faults = example?.case.faults ?? [];
      return `✗ violated  ${title}: ${failure === undefined ? "" : eventualHeadline(failure)}; found after ${plural(example?.executionsToFailure ?? 0, "execution")}, minimal: ${plural(example === undefined ? 0 : requestCount(example.case), "request")}, ${plural(faults.length, "fault")}${faults.length === 0 ? "" : ` (${faults.map(describeFault).join("; ")})`}, ${`${example?.execution.switches ?? 0} switches`}`;
    }
  }
};
