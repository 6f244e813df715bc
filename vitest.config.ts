import { defineConfig } from "vitest/config";

// One vitest run for the whole monorepo. Workspace packages resolve to their TypeScript
// sources through the "segflow-source" export condition, so tests never need a build.
export default defineConfig({
  resolve: { conditions: ["segflow-source"] },
  ssr: { resolve: { conditions: ["segflow-source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
