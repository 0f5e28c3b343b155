import type { ProgramShape } from "../../engine/exhaustive/programs.js";

const multisets = (domain: number, size: number): number => {
  let count = 1;
  for (let k = 1; k <= size; k++) count = (count * (domain + k - 1)) / k;
  return count;
};

/**
 * How many programs a proof of `shape` over a domain of `domain` commands covers, in closed form:
 * every sequence of prefix commands, times every multiset of concurrent ones (tasks are interchangeable).
 */
export const programCount = (domain: number, shape: ProgramShape): number => {
  let count = 0;
  for (let prefix = 0; prefix <= shape.maxPrefix; prefix++) {
    for (let concurrent = shape.minConcurrent; concurrent <= shape.maxConcurrent; concurrent++) count += domain ** prefix * multisets(domain, concurrent);
  }
  return count;
};
