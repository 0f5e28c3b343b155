import { existsSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, test } from "vitest";
import { serverRoot, serverRoots } from "../../backends/postgres/server-root.js";

const before = process.env.TMPDIR;
afterEach(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
});

describe("where an embedded server keeps its data directory", () => {
  test("under TMPDIR when it is set: the user chose it", () => {
    process.env.TMPDIR = "/var/tmp";
    expect(serverRoot()).toBe("/var/tmp");
  });

  test("otherwise in memory when /dev/shm has 2 GiB free, else in the system's temporary directory", () => {
    delete process.env.TMPDIR;
    const room = existsSync("/dev/shm") && (({ bavail, bsize }) => bavail * bsize)(statfsSync("/dev/shm")) >= 2 * 1024 ** 3;
    expect(serverRoot()).toBe(room ? "/dev/shm" : tmpdir());
  });

  test("a sweep for servers left behind looks in both places", () => {
    process.env.TMPDIR = "/var/tmp";
    expect(serverRoots()).toEqual(["/dev/shm", "/var/tmp"]);
  });
});
