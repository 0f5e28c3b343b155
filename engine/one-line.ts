/** Schema errors span several lines ("Missing key\n  at ["claim"]"); verdicts and CLI errors want one. */
export const oneLine = (message: string): string => message.replace(/\s*\n\s*/g, " ").trim();
