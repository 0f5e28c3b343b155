import type { Backend } from "../engine/backend.js";
import { memoryBackend } from "./memory.js";
import { mariadbBackend } from "./mariadb/index.js";
import { postgresBackend } from "./postgres/index.js";

export const backends: ReadonlyArray<Backend> = [memoryBackend, postgresBackend, mariadbBackend];

export const backendNamed = (name: string): Backend | undefined => backends.find((backend) => backend.name === name);
