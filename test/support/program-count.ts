import type { ProgramShape } from "../../engine/exhaustive/programs.js";

const multisets = (domain: number, size: number): number => {
  let count = 1;
  for (let k = 1; k <= size; k++) count = (count * (domain + k - 1)) / k;
  return count;
};

/**
 * Multisets of `tasks` tasks of 1 to `maxLength` commands each (n^L distinct tasks of length L), at
 * most `budget` commands in all: for every split of the tasks by length, the product of multisets.
 */
const taskMultisets = (domain: number, tasks: number, maxLength: number, budget: number, length = 1): number => {
  if (tasks === 0) return 1;
  if (length > maxLength) return 0;
  let count = 0;
  for (let ofLength = 0; ofLength <= tasks && ofLength * length <= budget; ofLength++) {
    count += multisets(domain ** length, ofLength) * taskMultisets(domain, tasks - ofLength, maxLength, budget - ofLength * length, length + 1);
  }
  return count;
};

/**
 * How many programs a proof of `shape` over a domain of `domain` commands covers, in closed form:
 * every sequence of prefix commands, times every multiset of concurrent tasks (tasks are
 * interchangeable); tasks of several commands only after a prefix of at most `longTaskMaxPrefix`.
 */
export const programCount = (domain: number, shape: ProgramShape): number => {
  const maxLength = shape.maxTaskLength ?? 1;
  const budget = shape.maxConcurrentCommands ?? Number.POSITIVE_INFINITY;
  let count = 0;
  for (let prefix = 0; prefix <= shape.maxPrefix; prefix++) {
    const length = prefix <= (shape.longTaskMaxPrefix ?? shape.maxPrefix) ? maxLength : 1;
    for (let concurrent = shape.minConcurrent; concurrent <= shape.maxConcurrent; concurrent++)
      count += domain ** prefix * taskMultisets(domain, concurrent, length, budget);
  }
  return count;
};
