/** Declared routes → an Express router: each request part parsed with its schema, then the handler. */
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { requireScope } from "./auth.js";
import { readInput } from "./input.js";
import type { AnyRoute } from "./route.js";

export function routerFor(routes: readonly AnyRoute[], deps: AppDeps): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      await route.handle(readInput(route, req), deps, res);
    });
  }
  return router;
}

/**
 * The scope check of each route, mounted after `authenticate` and before bodies are parsed, so
 * that a key without the scope gets its 403 whatever it sent. A request with the scope goes on
 * (`next`) to the body parser and `routerFor`'s handler.
 */
export function scopeRouter(routes: readonly AnyRoute[]): Router {
  const router = Router();
  for (const route of routes) {
    if (route.scope === "open") continue;
    router[route.method](
      route.path,
      requireScope(route.scope, `${route.method.toUpperCase()} ${route.path}`),
    );
  }
  return router;
}
