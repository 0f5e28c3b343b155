import type { ExtraSections } from "./markdown.js";
import { measurePostgres } from "./postgres.js";
import { postgresSection, postgresTargets } from "./postgres-markdown.js";
import type { Progress } from "./progress.js";

/**
 * The PostgreSQL section of `npm run bench`, measured and written, with its targets for the table at
 * the top. A server that cannot be started or reached costs this section, not the figures taken before
 * it: the section then says why it is missing.
 */
export const postgresBench = async (progress: Progress): Promise<ExtraSections> => {
  try {
    const figures = await measurePostgres(progress);
    return { sections: [postgresSection(figures)], targets: postgresTargets(figures) };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    progress("postgres", 1).done(`not measured: ${message}`);
    return { sections: [["## PostgreSQL: executions, races, quiescence and determinism", "", `Not measured: ${message}. Skip the section with \`--no-postgres\`.`].join("\n")] };
  }
};
