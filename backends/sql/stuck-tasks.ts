/** For each waiting task, the tasks that hold what it waits for. */
export type WaitsFor = ReadonlyMap<string, ReadonlyArray<string>>;

/**
 * The tasks whose wait leads, through other waiting tasks, to a task that is not running: waits
 * that cannot end without the engine, as opposed to waits on a running task, which end by themselves.
 */
export const stuckTasks = (waitsFor: WaitsFor, running: ReadonlyArray<string>): ReadonlySet<string> => {
  const stuck = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const [task, holders] of waitsFor) {
      if (stuck.has(task) || !holders.some((holder) => !running.includes(holder) || stuck.has(holder))) continue;
      stuck.add(task);
      grew = true;
    }
  }
  return stuck;
};
