import type { TestProject } from "vitest/node";
import { startEmbeddedServer } from "../../backends/postgres/server.js";
import { runsTestsUnder } from "../support/runs-tests-under.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server every PostgreSQL test file opens its sessions on; empty when none was started. */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole test run: the one named by DATABASE_URL, or an embedded one
 * started here and stopped after the last file. A run without PostgreSQL tests starts nothing.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnvironment = process.env.DATABASE_URL;
  if (fromEnvironment !== undefined && fromEnvironment !== "") {
    project.provide("postgresUrl", fromEnvironment);
    return undefined;
  }
  if (!(await runsTestsUnder(project, "test/postgres"))) {
    project.provide("postgresUrl", "");
    return undefined;
  }
  const server = await startEmbeddedServer();
  project.provide("postgresUrl", server.url);
  return server.stop;
}
