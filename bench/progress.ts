/** One measurement in progress: `tick` as it advances, `done` with a one-line result. */
export interface Step {
  readonly tick: (done: number) => void;
  /** Something worth a line of its own while the measurement goes on (a search that threw). */
  readonly note: (text: string) => void;
  readonly done: (result: string) => void;
}

export type Progress = (title: string, total: number) => Step;

/**
 * Progress on stderr: a redrawn counter on a terminal, and one line per finished measurement in
 * any case, so that a redirected log still shows where the time went.
 */
export const stderrProgress = (stream: NodeJS.WriteStream = process.stderr): Progress => {
  const started = performance.now();
  const clock = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`;
  return (title, total) => {
    let shown = -1;
    return {
      tick(done) {
        if (!stream.isTTY || done === shown) return;
        shown = done;
        stream.write(`\r\x1b[2K${clock()}  ${title}: ${done}/${total}`);
      },
      note(text) {
        stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}         ${title}: ${text}\n`);
        shown = -1;
      },
      done(result) {
        stream.write(`${stream.isTTY ? "\r\x1b[2K" : ""}${clock()}  ${title}: ${result}\n`);
      },
    };
  };
};
