import type { AnyImplementation } from "../../engine/implementation.js";
import { withLocks } from "../../engine/locks/lock.js";
import { decideTransfer } from "../../implementations/bank-transfer/account.js";
import { openAccountTables } from "../../implementations/bank-transfer/memory/tables.js";
import { deactivateVersioned, depositInUnitOfWork } from "../../implementations/bank-transfer/memory/unit-of-work.js";
import { decide, emptyContainer, emptyMember, pairsOf } from "../../implementations/assignment/aggregates.js";
import { retryOnConflict } from "../../implementations/memory/retry.js";
import { commitUnitOfWork, Table, type Write } from "../../implementations/memory/table.js";
import { defineImplementation } from "../../engine/implementation.js";
import { currentTask } from "../../engine/step.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import type { BankTransferCommand, BankTransferConfig, BankTransferOutcome, BankTransferSnapshot } from "../../model/bank-transfer/types.js";
import type { Mutant } from "./boundary-mutants.js";
import { AWAITS_BEFORE_RACE, withAwaitsFirst } from "./late-race-mutants.js";

/** A broken variant with the class of mistake it belongs to, for the mutation score per class. */
export interface ClassifiedMutant extends Mutant {
  readonly mistakeClass: string;
}

const assignment = (name: string, design: string, create: AnyImplementation["create"]): AnyImplementation =>
  defineImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot>({
    family: "assignment",
    name,
    design,
    backend: "memory",
    claim: "linearizable",
    create,
  });

type UnitOfWorkMistake = "version check removed" | "check outside the unit of work" | "retry keeps its first answer" | "refusal on contention";

/**
 * The correct versioned unit of work (implementations/assignment/memory/unit-of-work.ts) with one
 * mistake: the version check dropped from the commit; the rules checked on loads the commit does not
 * check; the decision of the first attempt committed again on retry; a conflict answered with a
 * refusal instead of a retry.
 */
const unitOfWorkWith = (mistake: UnitOfWorkMistake): AnyImplementation =>
  assignment(
    `unit-of-work~${mistake.replaceAll(" ", "-")}`,
    `versioned aggregates, one unit of work, mutated: ${mistake}`,
    ({ config }: { readonly config: AssignmentConfig }) => {
      const members = new Table(config.nouns.member, emptyMember);
      const containers = new Table(config.nouns.container, emptyContainer);
      const unchecked = (write: Write): Write => (mistake === "version check removed" ? { ...write, conflicts: () => false } : write);
      return {
        execute: async (command: AssignmentCommand) => {
          const { member: memberId, container: containerId } = command;
          let first: ReturnType<typeof decide> | undefined;
          return retryOnConflict(async () => {
            let member = await members.load(memberId);
            let container = await containers.load(containerId);
            const decision =
              mistake === "retry keeps its first answer"
                ? (first ??= decide(command, member.value, container.value, config))
                : decide(command, member.value, container.value, config);
            if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
            if (mistake === "check outside the unit of work") {
              member = await members.load(memberId);
              container = await containers.load(containerId);
            }
            const writes = [members.write(memberId, decision.member, member.version), containers.write(containerId, decision.container, container.version)].map(
              unchecked,
            );
            if (await commitUnitOfWork(writes)) return decision.outcome;
            return mistake === "refusal on contention" ? (command._tag === "join" ? "container-full" : "not-joined") : "conflict";
          });
        },
        snapshot: () => pairsOf(members.entries(), containers.entries()),
      };
    },
  );

type LockMistake = "locks removed" | "member lock removed" | "check outside the critical section" | "aggregates cached across commands";

/**
 * The correct lock design (implementations/assignment/memory/locks.ts, a lock per member and per
 * container held from the first load to the last save) with one mistake.
 */
const locksWith = (mistake: LockMistake): AnyImplementation =>
  assignment(
    `locks~${mistake.replaceAll(" ", "-")}`,
    `a lock per member and per container, mutated: ${mistake}`,
    ({ config }: { readonly config: AssignmentConfig }) => {
      const members = new Table(config.nouns.member, emptyMember);
      const containers = new Table(config.nouns.container, emptyContainer);
      // An identity map that outlives the command: the task's (connection's) earlier loads are reused.
      const cache = new Map<string, unknown>();
      const cached = async <T>(table: Table<T>, id: string): Promise<T> => {
        const key = `${currentTask() ?? ""} ${table.key(id)}`;
        if (mistake === "aggregates cached across commands" && cache.has(key)) return cache.get(key) as T;
        const { value } = await table.load(id);
        cache.set(key, value);
        return value;
      };
      return {
        execute: async (command: AssignmentCommand) => {
          const { member: memberId, container: containerId } = command;
          const keys =
            mistake === "locks removed"
              ? []
              : [`${config.nouns.container} ${containerId}`, ...(mistake === "member lock removed" ? [] : [`${config.nouns.member} ${memberId}`])];
          const load = async () => decide(command, await cached(members, memberId), await cached(containers, containerId), config);
          const early = mistake === "check outside the critical section" ? await load() : undefined;
          return withLocks(keys, async () => {
            const decision = early ?? (await load());
            if (decision.outcome !== "joined" && decision.outcome !== "left") return decision.outcome;
            await members.save(memberId, decision.member);
            await containers.save(containerId, decision.container);
            cache.set(`${currentTask() ?? ""} ${members.key(memberId)}`, decision.member);
            cache.set(`${currentTask() ?? ""} ${containers.key(containerId)}`, decision.container);
            return decision.outcome;
          });
        },
        snapshot: () => pairsOf(members.entries(), containers.entries()),
      };
    },
  );

/**
 * The correct bank unit of work (implementations/bank-transfer/memory/unit-of-work.ts), but a
 * transfer's refusal is answered straight from its two loads. Only a second command in the same
 * task shows it: while a transfer from a to b loads a (active) and then b, another task deactivates
 * a and then b; the transfer answers `payee-inactive`, yet whenever b was inactive a was too, so
 * the answer can only be `payer-inactive`. Real-time order alone rules the first answer out.
 */
const transferRefusalUnchecked: AnyImplementation = defineImplementation<BankTransferConfig, BankTransferCommand, BankTransferOutcome, BankTransferSnapshot>({
  family: "bank-transfer",
  name: "transfer-unit-of-work~refusal-unchecked",
  design: "versioned aggregates, one unit of work, mutated: a transfer's refusal not checked",
  backend: "memory",
  claim: "linearizable",
  async create({ config }) {
    const bank = await openAccountTables(config);
    const { accounts } = bank;
    return {
      execute: (command) =>
        retryOnConflict<BankTransferOutcome>(async () => {
          if (command._tag === "deposit") return depositInUnitOfWork(bank, command);
          if (command._tag === "deactivate") return deactivateVersioned(bank, command);
          const payer = await accounts.load(command.from);
          const payee = await accounts.load(command.to);
          const decision = decideTransfer(command.from, payer.value, command.to, payee.value, command.amount);
          if (decision.outcome !== "transferred") return decision.outcome;
          const writes = [accounts.write(command.from, decision.payer, payer.version), accounts.write(command.to, decision.payee, payee.version)];
          return (await commitUnitOfWork(writes)) ? decision.outcome : "conflict";
        }),
      snapshot: bank.snapshot,
    };
  },
});

const classified = (mistakeClass: string, implementation: AnyImplementation, mistake = mistakeClass): ClassifiedMutant => ({
  mistakeClass,
  mistake,
  implementation,
});

const versionCheckRemoved = unitOfWorkWith("version check removed");
const memberLockRemoved = locksWith("member lock removed");

/** The assignment mutants, each broken on the `lamp-socket` scenario (limits of one make every race visible). */
export const assignmentConcurrencyMutants: ReadonlyArray<ClassifiedMutant> = [
  classified("lock or version check removed", versionCheckRemoved, "version check removed"),
  classified("lock or version check removed", locksWith("locks removed"), "locks removed"),
  classified("lock or version check removed", memberLockRemoved, "member lock removed"),
  classified("check outside the transaction", unitOfWorkWith("check outside the unit of work"), "check outside the unit of work"),
  classified("check outside the transaction", locksWith("check outside the critical section"), "check outside the critical section"),
  classified("retry keeps its first answer", unitOfWorkWith("retry keeps its first answer")),
  classified("refusal on contention", unitOfWorkWith("refusal on contention")),
  ...AWAITS_BEFORE_RACE.flatMap((count) =>
    [versionCheckRemoved, memberLockRemoved].map((design) => {
      const late = withAwaitsFirst(design, count);
      return classified(`${count} harmless awaits before the race`, late.implementation, `${design.name}, ${late.mistake}`);
    }),
  ),
];

/**
 * Mistakes that only a second command of the same task shows. The identity map is caught at the
 * defaults: T1 joins, T2 joins the same socket, T1's next command saves the socket as T1 last saw it.
 * The bank's unchecked refusal needs three particular commands (transfer a1 → a2 against "deactivate
 * a1, then a2"), met through a task made of deactivations alone (random/case.ts).
 */
export const secondCommandMutants: ReadonlyArray<ClassifiedMutant & { readonly family: "assignment" | "bank-transfer" }> = [
  {
    ...classified("a second command in the same task", locksWith("aggregates cached across commands"), "aggregates cached across commands"),
    family: "assignment",
  },
  {
    ...classified("a second command in the same task", transferRefusalUnchecked, "a transfer's refusal not checked (deactivate a1, then a2)"),
    family: "bank-transfer",
  },
];
