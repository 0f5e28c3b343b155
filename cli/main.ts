import { runList } from "./list-command.js";
import { usage } from "./usage.js";
import { runVerify } from "./verify-command.js";
import { parseVerifyFlags, UsageError } from "./verify-options.js";

const main = async (args: ReadonlyArray<string>): Promise<number> => {
  const [command, ...rest] = args;
  switch (command) {
    case "verify":
      return runVerify(parseVerifyFlags(rest));
    case "list":
      return runList();
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${usage}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"; commands: verify, list, help`);
  }
};

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`invariant-lab: ${error.message}\nRun "invariant-lab help" for the options.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`invariant-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
