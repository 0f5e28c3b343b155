import type { TestProject } from "vitest/node";

/** Whether this run includes a test file under `folder`, e.g. `test/mariadb` (CLI file filters taken into account). */
export const runsTestsUnder = async (project: TestProject, folder: string): Promise<boolean> => {
  // Not in vitest's public types: the file filters given on the command line.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  return testFiles.some((file) => file.replaceAll("\\", "/").includes(`/${folder}/`));
};
