/**
 * One route, declared once: method, path, who may call it, what it reads (params, query, body,
 * headers: zod schemas), what it answers (status → description and schema), and its handler.
 * The Express router (router.ts), the OpenAPI document (openapi.ts) and the route-inventory test
 * (routes.test.ts) are all built from these declarations, so none of them can miss a route.
 */
import type { ApiScope } from "@segflow/config";
import type { Response } from "express";
import type { z } from "zod";
import type { AppDeps } from "../deps.js";

export type Method = "get" | "post" | "put" | "delete";

/**
 * Who may call a route: a key with this scope (README.md, "API keys and scopes"), or anyone
 * (`open`: the health probes only).
 */
export type Access = ApiScope | "open";

/** `apiKey`: mounted behind the key check; `open`: answers anyone. Derived from the scope. */
export type Auth = "apiKey" | "open";

/**
 * Status → its description, or `[description, schema of the body]`. An error status given as a
 * description alone answers the Error body; every `apiKey` route may also answer 401.
 */
export type RouteResponses = Record<number, string | readonly [string, z.ZodType]>;

type Schema = z.ZodType | undefined;
type Headers = Record<string, z.ZodType> | undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type HeadersOut<H> = H extends Record<string, z.ZodType> ? { [K in keyof H]: z.output<H[K]> } : undefined;

/** What a handler gets: the request parts, already parsed (a part that fails is a 400 first). */
export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema, H extends Headers> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  headers: HeadersOut<H>;
}

export interface Route<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  H extends Headers = undefined,
> {
  method: Method;
  /** Express form (`/v1/segments/:id`); the document writes `{id}`. */
  path: string;
  /** The scope a key needs (reads `read`, writes `write`, operations `admin`), or `open`. */
  scope: Access;
  /** The document's tag: the resource. */
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** A schema named with `request()` (http/schemas.ts): it is a component of the document. */
  body?: B;
  /** The body may be left out; it then reads as `{}`. */
  optionalBody?: boolean;
  headers?: H;
  responses: RouteResponses;
  handle(input: RouteInput<P, Q, B, H>, deps: AppDeps, res: Response): Promise<void> | void;
}

/** A route of any shape, as the route table holds them. */
export type AnyRoute = Route<z.ZodType, z.ZodType, z.ZodType, Record<string, z.ZodType>> & { auth: Auth };

/** Declares a route; the handler's input is typed from its schemas. */
export function defineRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  H extends Headers = undefined,
>(route: Route<P, Q, B, H>): AnyRoute {
  const { handle, ...declaration } = route;
  // The router parses every part of a request with this route's own schemas before it calls
  // `handle` (router.ts), so the input handed over has exactly the declared types.
  return {
    ...declaration,
    auth: route.scope === "open" ? "open" : "apiKey",
    handle: (input, deps, res) => handle(input as RouteInput<P, Q, B, H>, deps, res),
  };
}

/** `:name` → `{name}`, the OpenAPI form of a path. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");
