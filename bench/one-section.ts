import { readFile, writeFile } from "node:fs/promises";

/** The heading a section starts with: its first line. */
const headingOf = (section: string): string => section.split("\n", 1)[0] ?? "";

/**
 * Puts `section` in place of the section of the same heading in the report at `path` (up to the next
 * heading of the same level), or at its end when it has none; the rest of the report is untouched.
 * Throws, naming the file, when the report cannot be read.
 */
export const replaceSection = async (path: string, section: string): Promise<void> => {
  let report: string;
  try {
    report = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${path} to put one section in it: ${error instanceof Error ? error.message : String(error)}`);
  }
  const heading = headingOf(section);
  const lines = report.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) {
    await writeFile(path, `${report.trimEnd()}\n\n${section}\n`);
    return;
  }
  const level = heading.slice(0, heading.indexOf(" ") + 1);
  const next = lines.findIndex((line, index) => index > start && line.startsWith(level));
  const after = next < 0 ? [] : ["", ...lines.slice(next)];
  await writeFile(path, [...lines.slice(0, start), ...section.split("\n"), ...after].join("\n").trimEnd() + "\n");
};
