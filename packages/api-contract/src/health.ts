/** `/healthz` and `/readyz`. */
import { z } from "zod";
import { response } from "./registry.js";

export const HealthResponse = response("Health", z.object({ status: z.literal("ok") }));

export const ReadyResponse = response(
  "Readiness",
  z.object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })),
  }),
);
export type ReadyResponse = z.infer<typeof ReadyResponse>;
