import type { ConnectionOptions } from "mysql2";

/** Guards against a lock wait or a statement that nothing will ever end, below a run's time limit (10 s). */
const LOCK_WAIT_TIMEOUT_S = 4;
const STATEMENT_TIMEOUT_S = 8;
const CONNECT_TIMEOUT_MS = 5_000;

/** Run on every connection before its first statement: the guards, per session. */
export const SESSION_SETTINGS = `SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_TIMEOUT_S}, max_statement_time = ${STATEMENT_TIMEOUT_S}`;

/** The URL as reports may print it: the password replaced by `***`. */
export const maskedUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
};

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

const reason = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) return [...new Set(error.errors.map(reason))].join("; ");
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (message === "" && typeof code === "string" ? code : message).replace(/\s+/g, " ").trim();
};

/** One line that says which server, what the harness tried, and what went wrong; never the password. */
export const connectionError = (url: string, attempt: string, error: unknown): Error => {
  let detail = reason(error).replaceAll(url, maskedUrl(url));
  let password = "";
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // Not a URL: nothing to hide beyond what maskedUrl did.
  }
  if (password !== "") detail = detail.replaceAll(password, "***");
  return new Error(`MariaDB at ${maskedUrl(url)}: ${attempt} failed: ${detail}`);
};
