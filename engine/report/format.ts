/** Small formatting shared by every report. */
export const count = (value: number): string => value.toLocaleString("en-US");
export const plural = (value: number, noun: string): string => `${count(value)} ${noun}${value === 1 ? "" : "s"}`;
export const ms = (duration: number): string => (duration < 1000 ? `${Math.round(duration)} ms` : `${(duration / 1000).toFixed(1)} s`);
