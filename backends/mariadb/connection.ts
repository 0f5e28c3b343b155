import type { ConnectionOptions } from "mysql2";
import { connectionFailure, maskedUrl } from "../sql/server-url.js";

/** Guards against a lock wait or a statement that nothing will ever end, below a run's time limit (10 s). */
const LOCK_WAIT_TIMEOUT_S = 4;
const STATEMENT_TIMEOUT_S = 8;
const CONNECT_TIMEOUT_MS = 5_000;

/** Run on every connection before its first statement: the guards, per session. */
export const SESSION_SETTINGS = `SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_TIMEOUT_S}, max_statement_time = ${STATEMENT_TIMEOUT_S}`;

/** `host:port` of the server, for the session's description. */
export const serverAddress = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "3306"}`;
  } catch {
    return maskedUrl(url);
  }
};

/** What mysql2 needs to reach the server of `mysql://user:password@host:port/`, without a database. */
export const serverOptions = (url: string): ConnectionOptions => {
  const parsed = new URL(url);
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:")
    throw new Error(`MariaDB URL ${maskedUrl(url)}: expected mysql://user:password@host:port/`);
  const socket = parsed.searchParams.get("socket");
  return {
    ...(socket === null ? { host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 3306) } : { socketPath: socket }),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    connectTimeout: CONNECT_TIMEOUT_MS,
  };
};

/** One line that says which server, what the harness tried, and what went wrong; never the password. */
export const connectionError = (url: string, attempt: string, error: unknown): Error => connectionFailure("MariaDB", url, attempt, error);
