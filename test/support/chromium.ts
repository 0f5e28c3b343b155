import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

/** Debian's chromium package; another build by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

/** Why the HTML report's browser test cannot run, and how to make it run. */
export const CHROMIUM_MISSING = `no chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH) to test the HTML report in a browser`;

/**
 * A headless Chromium with a new, empty profile. Background networking, component updates and sync
 * are off: the report must render with nothing fetched, and a machine without a network refuses
 * the connections they would open.
 */
export const launchChromium = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "invariant-lab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
