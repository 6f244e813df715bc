/**
 * The route table is the one source: the router mounts exactly its routes, the OpenAPI document
 * describes exactly its routes (with the scope each needs), and every route needs the API key except
 * the ones stated here. (That a guarded route really answers 401 without a key and 403 with a key
 * lacking its scope is http/access.int.test.ts, over the same table.)
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

  test('every route declares the scope of what it does (README.md, "API keys and scopes")', () => {
    const ADMIN = ["/v1/schedules", "/v1/models", "/v1/destinations"];
    const READ_ONLY_TOOLS = ["/v1/segments/validate", "/v1/segments/estimate", "/v1/segments/backtest"];
    for (const r of API_ROUTES) {
      const expected =
        r.auth === "open"
          ? "open"
          : ADMIN.some((p) => r.path === p || r.path.startsWith(`${p}/`))
            ? "admin"
            : r.method === "get" || READ_ONLY_TOOLS.includes(r.path)
              ? "read"
              : "write";
      expect(r.scope, `${r.method.toUpperCase()} ${r.path}`).toBe(expected);
    }
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
        description: string;
        "x-segflow-scope": string;
        responses: Record<string, unknown>;
      };
      expect(op["x-segflow-scope"], route.path).toBe(route.scope);
      if (route.auth === "open") {
        expect(op.security, route.path).toEqual([]);
        expect(op.responses, route.path).not.toHaveProperty("401");
        expect(op.description, route.path).toMatch(/Open: no API key needed\.$/);
      } else {
        expect(op.security, route.path).toBeUndefined();
        expect(op.responses, route.path).toHaveProperty("401");
        expect(op.responses, route.path).toHaveProperty("403");
        expect(op.description, route.path).toMatch(
          new RegExp(`Needs an API key with the scope \`${route.scope}\`\\.$`),
        );
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
