/** Declared routes → an Express router: each request part parsed with its schema, then the handler. */
import { Router } from "express";
import type { AppDeps } from "../deps.js";
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
