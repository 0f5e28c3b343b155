import { count } from "../../engine/report/format.js";

/**
 * One progress line for checks running on several workers at once, on the terminal only: the
 * checks in flight with their runs so far, cut to the terminal's width, so that the lines of the
 * report below never interleave with several workers' progress.
 */
export const checksProgress = (
  stream: NodeJS.WriteStream,
  workers: number,
  live: () => boolean,
): { update: (title: string, runs: number) => void; finished: (title: string) => void; done: () => void } => {
  if (!stream.isTTY) return { update: () => undefined, finished: () => undefined, done: () => undefined };
  const running = new Map<string, number>();
  let finished = 0;
  const draw = () => {
    if (!live()) return;
    // Counts first: on a narrow terminal the end of the line is cut, and a title cut short still reads.
    const inFlight = [...running].map(([title, runs]) => `${count(runs)} runs ${title}`).join(" | ");
    const line = `  … ${workers} workers, ${finished} checks done${inFlight === "" ? "" : `; ${inFlight}`}`;
    // A terminal that does not say its size (columns 0) gets a line of common width.
    const width = stream.columns > 0 ? stream.columns : 120;
    stream.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
  };
  return {
    update(title, runs) {
      running.set(title, runs);
      draw();
    },
    finished(title) {
      running.delete(title);
      finished++;
      draw();
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
};
