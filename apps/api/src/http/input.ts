/**
 * Parsing request parts with the zod schemas: a failure is a 400 naming the field
 * (`profiles.0.id`) and where it was (`body`, `query`, a header).
 */
import type { Request } from "express";
import type { z } from "zod";
import { AppError, invalidInput } from "./errors.js";
import type { AnyRoute, RouteInput } from "./route.js";

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

/**
 * The JSON body. Without one (no body, or not `Content-Type: application/json`) express leaves
 * `req.body` undefined: an error unless `optional`, when it reads as `{}`.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  req: Request,
  options: { optional?: boolean } = {},
) {
  if (req.body === undefined) {
    if (!options.optional) {
      throw new AppError(
        "invalid_request",
        "body: expected a JSON object (send Content-Type: application/json)",
        {
          in: "body",
          issues: [{ path: "", message: "missing JSON body", code: "missing_body" }],
        },
      );
    }
    return parse(schema, {}, "body");
  }
  return parse(schema, req.body, "body");
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.query, "query");
}

export function parseHeader<S extends z.ZodType>(schema: S, req: Request, name: string): z.output<S> {
  const result = schema.safeParse(req.get(name));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("invalid_request", `${name} header: ${issue?.message ?? "invalid"}`, {
      in: "header",
      issues: [{ path: name, message: issue?.message ?? "invalid", code: issue?.code ?? "invalid" }],
    });
  }
  return result.data;
}

/**
 * Every part a route declares, parsed in a fixed order (path, query, body, headers): the first
 * part that fails is the 400.
 */
export function readInput(
  route: AnyRoute,
  req: Request,
): RouteInput<z.ZodType, z.ZodType, z.ZodType, Record<string, z.ZodType>> {
  const params = route.params ? parse(route.params, req.params, "path") : undefined;
  const query = route.query ? parseQuery(route.query, req) : undefined;
  const body = route.body ? parseBody(route.body, req, { optional: route.optionalBody ?? false }) : undefined;
  const headers = route.headers
    ? Object.fromEntries(
        Object.entries(route.headers).map(([name, schema]) => [name, parseHeader(schema, req, name)]),
      )
    : undefined;
  return { params, query, body, headers } as RouteInput<
    z.ZodType,
    z.ZodType,
    z.ZodType,
    Record<string, z.ZodType>
  >;
}
