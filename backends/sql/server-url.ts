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

const passwordOf = (url: string): string => {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    // Not a URL: nothing to hide beyond what maskedUrl does.
    return "";
  }
};

const reason = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) return [...new Set(error.errors.map(reason))].join("; ");
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (message === "" && typeof code === "string" ? code : message).replace(/\s+/g, " ").trim();
};

/**
 * One line that says which server (`engine` at the masked URL), what the harness tried, and what
 * went wrong; never the password, which drivers sometimes repeat in their messages.
 */
export const connectionFailure = (engine: string, url: string, attempt: string, error: unknown): Error => {
  let detail = reason(error).replaceAll(url, maskedUrl(url));
  const password = passwordOf(url);
  if (password !== "") detail = detail.replaceAll(password, "***");
  return new Error(`${engine} at ${maskedUrl(url)}: ${attempt} failed: ${detail}`);
};
