const entities: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe inside an HTML element or a quoted attribute: a design's SQL and outcomes are shown, never interpreted. */
export const escape = (text: string): string => text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
