// vitest globalSetup: runs once per `vitest run`, before any test file, in the main process.
// Test files read the URLs with `inject("redisUrl")` / `inject("mongoUrl")` and isolate
// themselves with uniqueName() and mongoUrlWithDatabase().
// Loads vitest's own types, which the augmentation below extends (the build sees no test file).
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { ensureServices } from "./services.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    mongoUrl: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<void> {
  const services = await ensureServices();
  provide("redisUrl", services.redisUrl);
  provide("mongoUrl", services.mongoUrl);
}
