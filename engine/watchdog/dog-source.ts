/**
 * The watchdog thread's code, run with \`eval\` so that it needs no loader for TypeScript. It reads
 * the main thread's heartbeat; when the heartbeat stops for longer than \`stallMs\`, it pauses the
 * main thread through the inspector and looks at the code it was busy in. Busy in a design: it
 * calls the main thread's handler (registered under {@link BUSY_HANDLER}) from the paused frame,
 * which reports and ends the process. Busy in the harness or a library: it lets it go on.
 */
export const DOG_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { Session } = require("node:inspector");
const { beat, stallMs, harness, handler } = workerData;
const urls = new Map();
const session = new Session();
session.connectToMainThread();
session.on("Debugger.scriptParsed", ({ params }) => urls.set(params.scriptId, params.url));
session.post("Debugger.enable", () => parentPort.postMessage({ ready: true }));
let last = Atomics.load(beat, 0);
let since = Date.now();
let stalledFor = 0;
const isHarness = (url) => harness.some((dir) => url.startsWith(dir));
const isLibrary = (url) => url === "" || url.startsWith("node:") || url.includes("/node_modules/");
session.on("Debugger.paused", ({ params }) => {
  const frames = params.callFrames.map((frame) => ({ id: frame.callFrameId, name: frame.functionName || "(anonymous)", url: urls.get(frame.location.scriptId) || frame.url || "", line: frame.location.lineNumber + 1, column: frame.location.columnNumber ?? 0 }));
  const top = frames.find((frame) => !isLibrary(frame.url));
  since = Date.now();
  if (top === undefined || isHarness(top.url)) return session.post("Debugger.resume");
  const busy = JSON.stringify({ function: top.name, url: top.url, line: top.line, column: top.column, stalledMs: stalledFor });
  session.post("Debugger.evaluateOnCallFrame", { callFrameId: frames[0].id, expression: "globalThis[Symbol.for(" + JSON.stringify(handler) + ")](" + busy + ")" }, () => session.post("Debugger.resume"));
});
setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) {
    last = now;
    since = Date.now();
    return;
  }
  if (Date.now() - since <= stallMs) return;
  stalledFor = Date.now() - since;
  since = Infinity;
  session.post("Debugger.pause");
}, Math.max(10, Math.min(100, stallMs / 10)));
`;

/** The name (under \`Symbol.for\`) of the main thread's handler for a design that never yields. */
export const BUSY_HANDLER = "invariant-lab.busy-loop";
