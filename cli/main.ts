import { usage } from "./usage.js";

// Commands are loaded on demand, so that `help` starts without the engine, effect and the backends.
const main = async (args: ReadonlyArray<string>): Promise<number> => {
  const [command, ...rest] = args;
  switch (command) {
    case "verify": {
      const [{ runVerify }, { parseVerifyFlags }] = await Promise.all([import("./verify-command.js"), import("./verify-options.js")]);
      return runVerify(parseVerifyFlags(rest));
    }
    case "cost": {
      const [{ runCost }, { parseCostFlags }] = await Promise.all([import("./cost-command.js"), import("./cost-options.js")]);
      return runCost(parseCostFlags(rest));
    }
    case "merge":
      return (await import("./merge-command.js")).runMerge(rest);
    case "list":
      return (await import("./list-command.js")).runList();
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${usage}\n`);
      return command === undefined ? 2 : 0;
    default: {
      const { UsageError } = await import("./verify-options.js");
      throw new UsageError(`unknown command "${command}"; commands: verify, cost, merge, list, help`);
    }
  }
};

// A reader that stopped reading (`invariant-lab verify | head`) wants no more output: stop as a
// program killed by SIGPIPE does (status 141), not with a stack trace. The exit guard still stops
// the servers this process started.
const SIGPIPE_STATUS = 141;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  void import("../engine/watchdog/busy-loop.js").then(({ stopEveryWatchdog }) => stopEveryWatchdog()).finally(() => process.exit(SIGPIPE_STATUS));
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const { UsageError } = await import("./verify-options.js");
  if (error instanceof UsageError) {
    process.stderr.write(`invariant-lab: ${error.message}\nRun "invariant-lab help" for the options.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`invariant-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
