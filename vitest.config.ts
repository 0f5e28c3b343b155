import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/postgres/global-setup.ts", "test/mariadb/global-setup.ts"],
    // The slowest test takes about 15 s on two busy cores: twice that leaves room and still stops a hung one soon.
    testTimeout: 30_000,
    // A PostgreSQL file opens its sessions (schemas, pools) in hooks while other files load the same server.
    hookTimeout: 60_000,
  },
});
