import type { Backend } from "../engine/backend.js";

/** In-memory designs keep their state in the instance; nothing to start. */
export const memoryBackend: Backend = {
  name: "memory",
  defaultRuns: 2_000,
  timeLimitMs: 2_000,
  start: async () => ({ description: "in memory", beginRun: async () => ({ environment: {}, release: async () => undefined }), stop: async () => undefined }),
};
