/**
 * The route table is the one source: the router mounts exactly its routes, the OpenAPI document
 * describes exactly its routes, and every route needs the API key except the ones stated here.
 * (That a guarded route really answers 401 without a key is http/access.int.test.ts, over the
 * same table.)
 */
import { describe, expect, test } from "vitest";
import type { AppDeps } from "./deps.js";
import { openApiPath } from "./http/route.js";
import { routerFor } from "./http/router.js";
import { API_ROUTES, buildOpenApiDocument } from "./routes.js";

/** The only routes that answer without a key: orchestrators probe them. */
const OPEN = ["GET /healthz", "GET /readyz"];

const declared = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);

describe("the route table", () => {
  test("each route is declared once", () => {
    expect(new Set(declared).size).toBe(declared.length);
  });

  test("every route needs the API key, except the health probes", () => {
    const open = API_ROUTES.filter((r) => r.auth === "open").map(
      (r) => `${r.method.toUpperCase()} ${r.path}`,
    );
    expect(open.sort()).toEqual(OPEN);
  });

  test("the router mounts exactly the declared routes", () => {
    // Handlers are not called: mounting needs no services.
    const router = routerFor(API_ROUTES, {} as AppDeps) as unknown as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    const mounted = router.stack.flatMap((layer) =>
      Object.keys(layer.route?.methods ?? {}).map((m) => `${m.toUpperCase()} ${layer.route?.path}`),
    );
    expect(mounted.sort()).toEqual([...declared].sort());
  });

  test("the OpenAPI document describes exactly the declared routes, with their auth", () => {
    const doc = buildOpenApiDocument();
    const described = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(
      API_ROUTES.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`).sort(),
    );
    for (const route of API_ROUTES) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method] as {
        security?: unknown[];
        responses: Record<string, unknown>;
      };
      if (route.auth === "open") {
        expect(op.security, route.path).toEqual([]);
        expect(op.responses, route.path).not.toHaveProperty("401");
      } else {
        expect(op.security, route.path).toBeUndefined();
        expect(op.responses, route.path).toHaveProperty("401");
      }
    }
  });

  test("every path parameter is declared, and every declared one is in the path", () => {
    for (const route of API_ROUTES) {
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const params = route.params ? Object.keys((route.params as unknown as { shape: object }).shape) : [];
      expect(params, route.path).toEqual(inPath);
    }
  });
});
