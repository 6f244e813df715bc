import { defineConfig } from "vitest/config";

// One vitest run for the whole monorepo. Workspace packages resolve to their TypeScript
// sources through the "segflow-source" export condition, so tests never need a build.
// Three projects: pure unit tests need nothing; `*.int.test.ts` and `e2e/` need Redis and a
// MongoDB-protocol server, which the services project's global setup starts (or reuses);
// `faults/` (npm run test:faults; scripts/test.sh runs it after the others) stops, kills and
// restarts processes and servers, one file at a time.
const SOURCES = ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"];
const SERVICES = ["packages/*/src/**/*.int.test.ts", "apps/*/src/**/*.int.test.ts", "e2e/**/*.test.ts"];
const FAULTS = ["faults/**/*.test.ts"];

export default defineConfig({
  resolve: { conditions: ["segflow-source"] },
  ssr: { resolve: { conditions: ["segflow-source"] } },
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "unit", include: SOURCES, exclude: SERVICES } },
      {
        extends: true,
        test: {
          name: "services",
          include: SERVICES,
          globalSetup: ["packages/testing/src/vitest-global-setup.ts"],
          hookTimeout: 300_000,
          testTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: FAULTS,
          globalSetup: ["packages/testing/src/vitest-global-setup.ts"],
          // Each file kills and restarts processes: one at a time keeps their timing apart.
          fileParallelism: false,
          hookTimeout: 300_000,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
