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
    const inFlight = [...running].map(([title, runs]) => `${title} ${count(runs)}`).join(" · ");
    const line = `  … ${workers} workers, ${finished} done: ${inFlight}`;
    const width = stream.columns ?? 120;
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
