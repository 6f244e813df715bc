import type { Browser } from "playwright-core";

// The types the browser tests use, so that they import playwright-core's types from here, where it is a dependency.
export type { Browser, Locator, Page } from "playwright-core";

import { chromiumExecutable } from "./chromium-install.js";
import { resolveSettings, type ServiceOptions } from "./settings.js";

/**
 * Launches Debian's Chromium headless with playwright-core (installing the chromium package first
 * when it is missing and we may, see chromiumExecutable). playwright-core is loaded here, on first
 * use, so that the many importers of this package that drive no browser never load it.
 * As root, Chromium refuses to start with its sandbox: `--no-sandbox` then.
 */
export async function launchChromium(options: Pick<ServiceOptions, "log"> = {}): Promise<Browser> {
  const settings = resolveSettings(options);
  const executablePath = await chromiumExecutable(settings);
  const { chromium } = await import("playwright-core");
  const root = process.getuid?.() === 0;
  return chromium.launch({ executablePath, headless: true, args: root ? ["--no-sandbox"] : [] });
}
