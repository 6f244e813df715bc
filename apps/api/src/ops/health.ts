/**
 * `/healthz` (the process answers) and `/readyz` (its Redis and MongoDB answer too). Both are
 * open: orchestrators probe them without a key.
 */
import { HealthResponse, ReadyResponse } from "@segflow/api-contract";
import { defineRoute } from "../http/route.js";
import { withTimeout } from "../http/timeout.js";

/** How long a dependency may take to answer a readiness probe. */
const PROBE_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(check(), PROBE_TIMEOUT_MS, "probe");
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export const healthRoutes = [
  defineRoute({
    method: "get",
    path: "/healthz",
    scope: "open",
    tag: "health",
    summary: "Liveness",
    responses: { 200: ["alive", HealthResponse] },
    handle(_input, _deps, res) {
      res.json({ status: "ok" });
    },
  }),
  defineRoute({
    method: "get",
    path: "/readyz",
    scope: "open",
    tag: "health",
    summary: "Readiness: Redis and MongoDB answer",
    responses: { 200: ["ready", ReadyResponse], 503: ["a dependency is down (named)", ReadyResponse] },
    async handle(_input, { store, producer }, res) {
      const [redis, mongodb] = await Promise.all([
        probe(() => producer.connection.ping()),
        probe(() => store.ping()),
      ]);
      const checks = { redis, mongodb };
      const down = Object.entries(checks)
        .filter(([, c]) => !c.ok)
        .map(([name, c]) => `${name} (${c.error})`);
      if (down.length === 0) {
        res.json({ status: "ok", checks });
        return;
      }
      res.status(503).json({
        status: "unavailable",
        checks,
        error: {
          code: "unavailable",
          message: `not ready: ${down.join(", ")} not answering`,
          details: checks,
        },
      });
    },
  }),
];
