import type { TestProject } from "vitest/node";
import { canStartServer, NOT_COVERED, startMariadbServer } from "../../backends/mariadb/server.js";
import { runsTestsUnder } from "../support/runs-tests-under.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server every MariaDB test file opens its sessions on; empty when none is available. */
    mariadbUrl: string;
    /** Why there is no server, when `mariadbUrl` is empty: every MariaDB test fails with it. */
    mariadbMissing: string;
  }
}

/**
 * One MariaDB server for the whole test run: the one named by MARIADB_URL, or a `mariadbd` started
 * here and stopped after the last file. Without either, the MariaDB tests fail with a line saying
 * how to cover them: they never pass by skipping.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide("mariadbMissing", "");
  const fromEnvironment = process.env.MARIADB_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    project.provide("mariadbUrl", fromEnvironment);
    return undefined;
  }
  project.provide("mariadbUrl", "");
  if (!(await runsTestsUnder(project, "test/mariadb"))) return undefined;
  if (!canStartServer()) {
    project.provide("mariadbMissing", NOT_COVERED);
    return undefined;
  }
  const server = await startMariadbServer();
  project.provide("mariadbUrl", server.url);
  return server.stop;
}
