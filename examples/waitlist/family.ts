// A team's own invariant: an event's seats and its waiting list. Verified with
// npx invariant-lab verify --impl ./examples/waitlist/naive-waitlist.ts --family ./examples/waitlist/family.ts
import { Schema } from "effect";
import { match } from "ts-pattern";
import { commandsFromSchema, defineFamily, everyCommand, type ImplementationOf, type Invariant, type ReferenceModel } from "../../index.js";

// What crosses the boundary: commands, their outcomes (in order of precedence) and what a design stores.
export const Join = Schema.TaggedStruct("join", { person: Schema.String });
export const Leave = Schema.TaggedStruct("leave", { person: Schema.String });
export const WaitlistCommand = Schema.Union([Join, Leave]);
export type WaitlistCommand = typeof WaitlistCommand.Type;

export const JoinOutcome = Schema.Literals(["seated", "waitlisted", "already-in"]);
export const LeaveOutcome = Schema.Literals(["left", "not-in"]);
export type WaitlistOutcome = typeof JoinOutcome.Type | typeof LeaveOutcome.Type;

/** Who holds a seat (a set), and who waits for one (a queue: first come, first seated). */
export const WaitlistSnapshot = Schema.Struct({ seated: Schema.Array(Schema.String), waiting: Schema.Array(Schema.String) });
export type WaitlistSnapshot = typeof WaitlistSnapshot.Type;

export interface WaitlistConfig {
  /** Seats of the event: whoever joins beyond them waits. */
  readonly seats: number;
  /** The people generated commands use. */
  readonly people: ReadonlyArray<string>;
}

// The rules, one command at a time: a join takes a free seat or queues; a leave frees a seat for the first in the queue.
const isIn = (event: WaitlistSnapshot, person: string): boolean => event.seated.includes(person) || event.waiting.includes(person);

const join = (event: WaitlistSnapshot, person: string, seats: number) => {
  if (isIn(event, person)) return { outcome: "already-in" as const, state: event };
  if (event.seated.length < seats) return { outcome: "seated" as const, state: { ...event, seated: [...event.seated, person] } };
  return { outcome: "waitlisted" as const, state: { ...event, waiting: [...event.waiting, person] } };
};

const leave = (event: WaitlistSnapshot, person: string) => {
  if (event.waiting.includes(person)) return { outcome: "left" as const, state: { ...event, waiting: event.waiting.filter((p) => p !== person) } };
  if (!event.seated.includes(person)) return { outcome: "not-in" as const, state: event };
  const [first, ...rest] = event.waiting;
  const seated = event.seated.filter((p) => p !== person);
  return { outcome: "left" as const, state: { seated: first === undefined ? seated : [...seated, first], waiting: rest } };
};

// What must hold: "always" at every moment of a run, "at-rest" whenever no command is in flight.
const invariants: ReadonlyArray<Invariant<WaitlistConfig, WaitlistSnapshot>> = [
  {
    name: "no more people seated than seats",
    when: "always",
    violations: (event, config) => (event.seated.length > config.seats ? [`${event.seated.length} people seated for ${config.seats} seats`] : []),
  },
  {
    name: "one place per person",
    when: "always",
    violations: (event) => {
      const places = [...event.seated, ...event.waiting];
      return [...new Set(places.filter((person, index) => places.indexOf(person) !== index))].map((person) => `${person} holds two places`);
    },
  },
  {
    name: "nobody waits for a free seat",
    when: "at-rest",
    violations: (event, config) =>
      event.waiting.length > 0 && event.seated.length < config.seats ? [`${event.waiting.join(", ")} wait(s) while a seat is free`] : [],
  },
];

export const waitlistModel: ReferenceModel<WaitlistConfig, WaitlistSnapshot, WaitlistCommand, WaitlistOutcome, WaitlistSnapshot> = {
  family: "waitlist",
  command: WaitlistCommand,
  outcomeOf: (command) => (command._tag === "join" ? JoinOutcome : LeaveOutcome),
  snapshot: WaitlistSnapshot,
  // Seats are a set, so sorted; the queue's order is part of the state.
  normalize: (event) => ({ seated: [...event.seated].sort(), waiting: event.waiting }),
  initial: () => ({ seated: [], waiting: [] }),
  step: (event, command, config) =>
    match(command)
      .with({ _tag: "join" }, ({ person }) => join(event, person, config.seats))
      .with({ _tag: "leave" }, ({ person }) => leave(event, person))
      .exhaustive(),
  observe: (event) => ({ seated: [...event.seated].sort(), waiting: event.waiting }),
  invariants,
  describe: (command) => `${command._tag}(${command.person})`,
};

// Named configurations, each with its own limits; a run may start from a state a command away from the boundary.
export const waitlistFamily = defineFamily(waitlistModel, {
  scenarios: [
    {
      name: "last-seat",
      summary: "people join an event of one seat: one is seated, the others wait",
      model: waitlistModel,
      config: { seats: 1, people: ["p1", "p2", "p3"] },
    },
    {
      name: "full-house",
      summary: "an event of two seats, full, with one person waiting: a leave seats the first in the queue",
      model: waitlistModel,
      config: { seats: 2, people: ["p1", "p2", "p3", "p4"] },
      start: {
        summary: "p1 and p2 seated, p3 waiting",
        commands: [
          { _tag: "join", person: "p1" },
          { _tag: "join", person: "p2" },
          { _tag: "join", person: "p3" },
        ],
      },
    },
  ],
  // Random mode: commands derived from the schema, over the scenario's people; joins, where seats race, three times as often.
  commands: (config) => commandsFromSchema(WaitlistCommand, { person: config.people }, { weights: { join: 3 } }),
  // Exhaustive mode: every join and leave of the first three people, combined into every small program.
  proofCommands: (config) => everyCommand(WaitlistCommand, { person: config.people.slice(0, 3) }),
  proofGaps: () => "people beyond the first three",
  // The outcomes that change the state, for designs that claim eventual consistency.
  successes: ["seated", "waitlisted", "left"],
});

/** What a design of this family implements: `create({ config })` returning `execute` and `snapshot`. */
export type WaitlistImplementation = ImplementationOf<typeof waitlistFamily>;
