import { describe, expect, test } from "vitest";
import { memoryBackend } from "../../backends/memory.js";
import { measureCost } from "../../engine/cost/measure.js";
import { defineEventualImplementation, type MessagePort } from "../../engine/eventual/port.js";
import { step } from "../../engine/step.js";
import { groupMembership } from "../../model/assignment/scenarios.js";
import type { AssignmentCommand, AssignmentConfig, AssignmentOutcome, AssignmentSnapshot } from "../../model/assignment/types.js";
import { assignmentCommands } from "../../properties/assignment/commands.js";
import { assignmentFamily } from "../../properties/assignment/family.js";
import { succeededIn } from "../../properties/eventual/successes.js";
import { slotReservationSaga } from "../../implementations/assignment/memory/slot-reservation-saga.js";

const settings = { workers: 4, commands: 200, copies: 1, seed: 5, commandTimeLimitMs: 2_000 };
const session = await memoryBackend.start();

type Topics = { readonly requested: { readonly request: string; readonly command: AssignmentCommand } };

/** A stand-in process: a request publishes one message, and `handle` decides what its delivery does. */
const process = (handle: (port: MessagePort<AssignmentOutcome, Topics>, payload: Topics["requested"]) => Promise<void>, handles?: ReadonlyArray<string>) =>
  defineEventualImplementation<AssignmentConfig, AssignmentCommand, AssignmentOutcome, AssignmentSnapshot, Topics>({
    family: "assignment",
    name: "stand-in",
    design: "a stand-in process",
    backend: "memory",
    keeps: [],
    ...(handles === undefined ? {} : { handles }),
    create: ({ messages }) => {
      messages.subscribe("worker", { requested: ({ payload }) => handle(messages, payload) });
      return {
        request: (command, request) => step(`accept ${request}`, () => messages.publish("requested", { request, command })),
        snapshot: () => ({ state: { memberSide: [], containerSide: [] }, inFlight: [] }),
      };
    },
  });

describe("measureCost of an eventually-consistent design", () => {
  test("every request is timed to its final outcome, and classified", async () => {
    const figures = await measureCost(groupMembership, slotReservationSaga, assignmentCommands as never, succeededIn(assignmentFamily), session, settings);
    expect(figures.commands).toBe(settings.commands);
    expect(figures.errors).toBe(0);
    expect(figures.refused).toBeGreaterThan(0);
    expect(figures.refused).toBeLessThan(settings.commands);
    expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
  });

  test("a handler that throws is an error naming its topic, and ends the measurement", async () => {
    const throws = process(async () => {
      throw new Error("disk full");
    });
    const figures = await measureCost(groupMembership, throws, assignmentCommands as never, undefined, session, settings);
    expect(figures.errors).toBeGreaterThan(0);
    expect(figures.firstError).toMatch(/the handler of requested \(m\d+\) threw: disk full/);
  });

  test("a request never settled ends the measurement with an error, not a hang", async () => {
    const silent = process(async () => undefined);
    const figures = await measureCost(groupMembership, silent, assignmentCommands as never, undefined, session, { ...settings, commandTimeLimitMs: 20 });
    expect(figures.firstError).toMatch(/did not answer within 20 ms/);
    expect(figures.commands).toBe(settings.workers);
  });

  test("a request settled twice is an error", async () => {
    const twice = process(async (port, { request }) => {
      port.settle(request, "joined");
      port.settle(request, "joined");
    });
    const figures = await measureCost(groupMembership, twice, assignmentCommands as never, undefined, session, settings);
    expect(figures.errors).toBeGreaterThan(0);
    expect(figures.firstError).toMatch(/settle\(r\d+\) was called for a request that is not waiting/);
  });

  test("only the commands a design handles are sent to it", async () => {
    const joinsOnly = process(
      async (port, { request, command }) => {
        if (command._tag !== "join") throw new Error(`sent ${command._tag}`);
        port.settle(request, "joined");
      },
      ["join"],
    );
    const figures = await measureCost(groupMembership, joinsOnly, assignmentCommands as never, undefined, session, settings);
    expect({ errors: figures.errors, first: figures.firstError }).toEqual({ errors: 0, first: undefined });
    expect(figures.commands).toBe(settings.commands);
  });
});

test("a starting request never settled fails the measurement, naming it, instead of hanging", async () => {
  const silent = process(async () => undefined);
  const withStart = { ...groupMembership, start: { summary: "u1 in g1", commands: [{ _tag: "join", member: "u1", container: "g1" }] as AssignmentCommand[] } };
  await expect(measureCost(withStart, silent, assignmentCommands as never, undefined, session, { ...settings, commandTimeLimitMs: 20 })).rejects.toThrow(
    /join\(u1, g1\), reaching the starting state did not answer within 20 ms/,
  );
});
