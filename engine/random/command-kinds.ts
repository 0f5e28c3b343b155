import fc from "fast-check";

/** One kind of command a family generates (join, leave, transfer…), with its share of the mix. */
export interface CommandKind<Command> {
  readonly weight: number;
  readonly arbitrary: fc.Arbitrary<Command>;
}

const registered = new WeakMap<fc.Arbitrary<unknown>, ReadonlyArray<CommandKind<unknown>>>();

/**
 * A family's commands as `fc.oneof` over its kinds, remembering the kinds so that random mode can
 * also draw a task made of one kind alone (`random/case.ts`). Anywhere else it is the plain mix.
 */
export const commandKinds = <Command>(...kinds: ReadonlyArray<CommandKind<Command>>): fc.Arbitrary<Command> => {
  const mix = fc.oneof(...kinds);
  registered.set(mix, kinds);
  return mix;
};

/** The kinds `commands` was built from by {@link commandKinds}; none for any other arbitrary (a filtered mix, a user's own). */
export const kindsOf = <Command>(commands: fc.Arbitrary<Command>): ReadonlyArray<CommandKind<Command>> =>
  (registered.get(commands) as ReadonlyArray<CommandKind<Command>> | undefined) ?? [];
