/**
 * The Express app: wiring only. It does not listen (main.ts does; tests mount it on port 0).
 *
 * Order matters: security headers go on every answer; metrics and request logs see every request; the routes declared `open` (health
 * probes) and the web console's files (`/console/`, whose pages send the key with each call) answer
 * without a key; everything after `authenticate` needs one (unknown paths too, so that nothing but health
 * and the console answers anonymously), and each route the scope it declares, checked before its
 * body is parsed; JSON bodies are parsed for `/v1` only, after authentication. Rate limits
 * (http/rate-limit.ts) sit around `authenticate`: an address refused too often is stopped before
 * it, each key's budget is counted right after it; probes and the console's files are not limited.
 */

import { loggedError } from "@segflow/logger";
import express from "express";
import { pinoHttp } from "pino-http";
import swaggerUi from "swagger-ui-express";
import { CONSOLE_PATH, consoleRouter } from "./console/static.js";
import type { AppDeps } from "./deps.js";
import { authenticate, requireScope } from "./http/auth.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
import { rateLimits } from "./http/rate-limit.js";
import { routerFor, scopeRouter } from "./http/router.js";
import { securityHeaders } from "./http/security-headers.js";
import { BULL_BOARD_PATH, bullBoardRouter } from "./ops/bull-board.js";
import { createMetrics } from "./ops/metrics.js";
import { API_ROUTES, buildOpenApiDocument } from "./routes.js";

/** Largest JSON body accepted (5000 events with their properties fit easily); larger → 413. */
export const BODY_LIMIT = "10mb";

/** The routes anyone may call (health probes); every other route is mounted behind the key. */
const OPEN_ROUTES = API_ROUTES.filter((r) => r.auth === "open");
const GUARDED_ROUTES = API_ROUTES.filter((r) => r.auth !== "open");
const OPEN_PATHS = new Set(OPEN_ROUTES.map((r) => r.path));

export function createApp(given: AppDeps): express.Express {
  const deps: AppDeps = {
    ...given,
    // Errors logged without their stack traces, whoever logs them (@segflow/logger's loggedError;
    // a logger a test hands in may not be one createLogger made).
    logger: given.logger.child({}, { serializers: { err: loggedError } }),
    onProfilesChanged: given.onProfilesChanged ?? ((ids) => given.producer.requestProfileEvaluations(ids)),
  };
  const { producer, config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  // The client address of the failed-authentication limit (rate-limit.ts).
  app.set("trust proxy", config.TRUST_PROXY);
  // First, so that every answer carries them: errors, 404s, the console, the docs, Bull Board.
  app.use(securityHeaders());

  const metrics = createMetrics(producer, logger);
  app.use(metrics.middleware);
  app.use(
    pinoHttp({
      logger,
      // Method, URL and id only: headers carry the API key.
      serializers: {
        err: loggedError,
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
      customLogLevel: (req, res, err) => {
        // A 503 is a dependency down, not a bug: warn, as the error handler logs it.
        if (res.statusCode === 503) return "warn";
        if (err || res.statusCode >= 500) return "error";
        if (res.statusCode >= 400) return "warn";
        // Probes and the console's static files would drown the calls that do something.
        const url = req.url ?? "";
        return OPEN_PATHS.has(url) || url.startsWith(`${CONSOLE_PATH}/`) ? "debug" : "info";
      },
    }),
  );

  app.use(routerFor(OPEN_ROUTES, deps));
  app.use(consoleRouter(deps.consoleDir));
  const limits = rateLimits({
    redis: producer.connection,
    prefix: config.QUEUE_PREFIX,
    perKeyPerMinute: config.RATE_LIMIT_PER_MINUTE,
    failedAuthPerMinute: config.RATE_LIMIT_FAILED_AUTH_PER_MINUTE,
    logger,
  });
  app.use(limits.addressGate);
  app.use(authenticate(config.API_KEYS));
  app.use(limits.countFailedAuth);
  app.use(limits.perKey);

  const document = buildOpenApiDocument();
  // Outside the route table, so their scopes are set here (README.md, "API keys and scopes").
  app.get("/openapi.json", requireScope("read", "the OpenAPI document"), (_req, res) => {
    res.json(document);
  });
  // The document is embedded in the page: the browser's Basic credentials for /docs are enough.
  app.use(
    "/docs",
    requireScope("read", "the API docs"),
    swaggerUi.serve,
    swaggerUi.setup(document, { customSiteTitle: "segflow API" }),
  );
  app.get("/metrics", requireScope("admin", "/metrics"), metrics.handler);
  app.use(BULL_BOARD_PATH, requireScope("admin", "Bull Board"), bullBoardRouter(producer));

  app.use(scopeRouter(GUARDED_ROUTES));
  app.use("/v1", express.json({ limit: BODY_LIMIT }));
  app.use(routerFor(GUARDED_ROUTES, deps));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
