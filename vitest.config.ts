import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/postgres/global-setup.ts", "test/mariadb/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
