/**
 * Shows how far a long check has got, on the terminal only: a redirected run gets the verdict lines
 * alone, which already tell progress one check at a time.
 */
export const progressLine = (stream: NodeJS.WriteStream, title: string): { update: (runs: number) => void; done: () => void } => {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = 0;
  return {
    update(runs) {
      // Redrawing on every run would cost more than a run in memory.
      if (runs - shown < 25 && runs > 1) return;
      shown = runs;
      stream.write(`\r\x1b[2K  … ${title}: ${runs} runs`);
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
};
