/**
 * Prometheus metrics at `/metrics`: process defaults, request durations by route, and the job
 * counts of every queue read from Redis at scrape time (so they are never stale). A registry
 * per app, so that several apps in one process (tests) do not collide.
 */
import type { Logger } from "@segflow/logger";
import { type Producer, QUEUE_NAMES, type QueueKey } from "@segflow/queues";
import type { Request, RequestHandler } from "express";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { withTimeout } from "../http/timeout.js";

/** A scrape must answer even when Redis does not (Prometheus' own timeout is 10 s by default). */
const SCRAPE_TIMEOUT_MS = 2000;

export interface Metrics {
  registry: Registry;
  /** Times every request; mount first. */
  middleware: RequestHandler;
  /** Serves the registry. */
  handler: RequestHandler;
}

/** The route pattern, not the URL: ids in URLs would make one series per id. */
function routeLabel(req: Request): string {
  const path = req.originalUrl.split("?")[0] ?? "";
  // Sub-apps answer many paths of their own: one label each.
  for (const prefix of ["/admin/queues", "/docs"]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return `${prefix}/*`;
  }
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === "string") return `${req.baseUrl}${route.path}`;
  return "unmatched";
}

export function createMetrics(producer: Producer, logger: Logger): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds, by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: "segflow_queue_jobs",
    help: "Jobs in each BullMQ queue, by state, read at scrape time",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const counts = await withTimeout(producer.counts(), SCRAPE_TIMEOUT_MS, "queue counts");
        for (const [key, states] of Object.entries(counts) as [QueueKey, Record<string, number>][]) {
          for (const [state, n] of Object.entries(states)) {
            this.set({ queue: QUEUE_NAMES[key], state }, n);
          }
        }
      } catch (error) {
        // Redis is down: no queue series this scrape (readiness says why), the rest still served.
        logger.warn({ err: error }, "metrics: could not read queue counts");
      }
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.once("finish", () => {
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };

  const handler: RequestHandler = async (_req, res) => {
    const body = await registry.metrics();
    res.type(registry.contentType).send(body);
  };

  return { registry, middleware, handler };
}
