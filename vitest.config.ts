import { defineConfig } from "vitest/config";
import { canStartServer, NOT_COVERED } from "./backends/mariadb/server.js";
import { CHROMIUM_MISSING, chromiumInstalled } from "./test/support/chromium.js";

/**
 * MariaDB is optional on a team's machine: its suite runs against MARIADB_URL, or a mariadbd the
 * harness starts itself. Without either it is left out with a line saying so, except in CI, where
 * it must run (its files then fail with the same line instead of passing by being skipped).
 */
const mariadbCovered = (process.env.MARIADB_URL ?? "") !== "" || canStartServer() || process.env.CI === "true";
if (!mariadbCovered) process.stderr.write(`invariant-lab tests: ${NOT_COVERED}; test/mariadb left out.\n`);

/** The HTML report is tested in Debian's chromium, left out the same way where it is not installed. */
const chromiumCovered = chromiumInstalled() || process.env.CI === "true";
if (!chromiumCovered) process.stderr.write(`invariant-lab tests: ${CHROMIUM_MISSING}; test/report/html-chromium.test.ts left out.\n`);

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...(mariadbCovered ? [] : ["test/mariadb/**"]), ...(chromiumCovered ? [] : ["test/report/html-chromium.test.ts"])],
    globalSetup: ["test/postgres/global-setup.ts", "test/mariadb/global-setup.ts"],
    // The slowest test takes about 15 s on two busy cores: twice that leaves room and still stops a hung one soon.
    testTimeout: 30_000,
    // A PostgreSQL file opens its sessions (schemas, pools) in hooks while other files load the same server.
    hookTimeout: 60_000,
  },
});
