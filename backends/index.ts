import type { Backend } from "../engine/backend.js";
import { memoryBackend } from "./memory.js";

export const backends: ReadonlyArray<Backend> = [memoryBackend];

export const backendNamed = (name: string): Backend | undefined => backends.find((backend) => backend.name === name);
