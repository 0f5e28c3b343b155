import type { TestProject } from "vitest/node";
import { canStartServer, NOT_COVERED, startMariadbServer } from "../../backends/mariadb/server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server every MariaDB test file opens its sessions on; empty when none is available. */
    mariadbUrl: string;
    /** Why there is no server, when `mariadbUrl` is empty: every MariaDB test fails with it. */
    mariadbMissing: string;
  }
}

/** Whether this run includes a test file under test/mariadb (CLI file filters taken into account). */
const runsMariadbTests = async (project: TestProject): Promise<boolean> => {
  // Not in vitest's public types: the file filters given on the command line.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  return testFiles.some((file) => file.replaceAll("\\", "/").includes("/test/mariadb/"));
};

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
  if (!(await runsMariadbTests(project))) return undefined;
  if (!canStartServer()) {
    project.provide("mariadbMissing", NOT_COVERED);
    return undefined;
  }
  const server = await startMariadbServer();
  project.provide("mariadbUrl", server.url);
  return server.stop;
}
