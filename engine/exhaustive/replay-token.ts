import { Schema } from "effect";
import type { Program } from "../execute.js";
import { oneLine } from "../one-line.js";

/** What replays an exhaustive counterexample exactly: the program and the task chosen at each decision. */
export interface ProofReplay<Command> {
  readonly program: Program<Command>;
  readonly decisions: ReadonlyArray<number>;
}

const Token = Schema.Struct({
  prefix: Schema.Array(Schema.Unknown),
  branches: Schema.Array(Schema.Array(Schema.Unknown)),
  decisions: Schema.Array(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
});

/** One shell-safe word (base64url of JSON), so that a replay command can be copied as printed. */
export const encodeReplay = <Command>(replay: ProofReplay<Command>): string =>
  Buffer.from(JSON.stringify({ prefix: replay.program.prefix, branches: replay.program.branches, decisions: replay.decisions })).toString("base64url");

/** Decodes a replay token, every command with the scenario's own schema; throws a one-line message. */
export const decodeReplay = <Command>(token: string, command: Schema.Decoder<Command>): ProofReplay<Command> => {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new Error("the replay token is not one printed by an exhaustive run (not base64url JSON)");
  }
  try {
    const raw = Schema.decodeUnknownSync(Token)(json);
    const decode = Schema.decodeUnknownSync(command);
    return {
      program: { prefix: raw.prefix.map((item) => decode(item)), branches: raw.branches.map((branch) => branch.map((item) => decode(item))) },
      decisions: raw.decisions,
    };
  } catch (error) {
    throw new Error(`the replay token does not fit this scenario: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
};
