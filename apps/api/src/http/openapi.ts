/**
 * The OpenAPI 3.1 document, built from the route declarations (route.ts) and the named schemas:
 * request shapes (http/schemas.ts's `request()`, described as clients send them) and response
 * shapes (@segflow/api-contract), turned into JSON Schema 2020-12 by zod's `z.toJSONSchema`,
 * which OpenAPI 3.1 uses as is. Served at `/openapi.json`; `/docs` shows it with Swagger UI.
 */
import { responseSchemas, type SchemaName } from "@segflow/api-contract";
import { z } from "zod";
import { type AnyRoute, openApiPath } from "./route.js";
import { requestSchemas } from "./schemas.js";

type Registry = z.core.$ZodRegistry<SchemaName>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ "application/json": { schema: ref(id) } });

function nameOf(registry: Registry, schema: z.ZodType, what: string): string {
  const id = registry.get(schema)?.id;
  if (!id)
    throw new Error(
      `${what}: its schema has no name in the OpenAPI document (name it with request() or response())`,
    );
  return id;
}

function components(registry: Registry, io: "input" | "output"): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  // Each schema is a component, not a standalone document.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

type JsonSchema = { description?: string; [key: string]: unknown };

/** The fields of an object schema as parameters (`in` path, query or header). */
function parameters(schema: z.ZodType, where: "path" | "query") {
  const { properties = {}, required = [] } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...field }]) => ({
    name,
    in: where,
    required: where === "path" || required.includes(name),
    schema: field,
    ...(description ? { description } : {}),
  }));
}

function headerParameters(headers: Record<string, z.ZodType>) {
  return Object.entries(headers).map(([name, schema]) => {
    const {
      $schema: _s,
      description,
      ...field
    } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    return {
      name,
      in: "header",
      required: !schema.safeParse(undefined).success,
      schema: field,
      ...(description ? { description } : {}),
    };
  });
}

function operation(route: AnyRoute) {
  const where = `${route.method.toUpperCase()} ${route.path}`;
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    if (typeof answer === "string") {
      responses[status] =
        Number(status) >= 400 ? { description: answer, content: json("Error") } : { description: answer };
    } else {
      const [description, schema] = answer;
      responses[status] = {
        description,
        content: json(nameOf(responseSchemas, schema, `${where} ${status}`)),
      };
    }
  }
  const open = route.scope === "open";
  if (!open) {
    responses["401"] = { description: "missing or wrong API key", content: json("Error") };
    responses["403"] = { description: `the key lacks the scope \`${route.scope}\``, content: json("Error") };
    responses["429"] = {
      description: "over the key's rate limit (RATE_LIMIT_PER_MINUTE); wait Retry-After seconds",
      content: json("Error"),
    };
  }
  // The scope a key needs, for people (the description) and for tools (x-segflow-scope).
  const access = open ? "Open: no API key needed." : `Needs an API key with the scope \`${route.scope}\`.`;
  const params = [
    ...(route.params ? parameters(route.params, "path") : []),
    ...(route.query ? parameters(route.query, "query") : []),
    ...(route.headers ? headerParameters(route.headers) : []),
  ];
  return {
    tags: [route.tag],
    summary: route.summary,
    description: route.description ? `${route.description}\n\n${access}` : access,
    "x-segflow-scope": route.scope,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.optionalBody,
            content: json(nameOf(requestSchemas, route.body, `${where} body`)),
          },
        }
      : {}),
    responses,
    ...(open ? { security: [] } : {}),
  };
}

export function openApiDocument(routes: readonly AnyRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "segflow API",
      version: "0.1.0",
      description:
        "Segments, profiles, events, batch evaluations and propensity models. Send an API key as `Authorization: Bearer <key>` " +
        "(or HTTP Basic with the key as password). Each key has scopes (`read`, `write`, `admin`, independent of each other); " +
        "each operation says the one it needs (its description and `x-segflow-scope`), and answers 403 to a key without it. " +
        "Each key may make RATE_LIMIT_PER_MINUTE requests a minute across every API instance: answers carry " +
        "`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`, and past the limit a 429 with `Retry-After`. " +
        "Errors are `{ error: { code, message, details } }`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }, { basicAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "an API key (API_KEYS holds its hash and scopes)",
        },
        basicAuth: { type: "http", scheme: "basic", description: "any user name, an API key as password" },
      },
      schemas: { ...components(requestSchemas, "input"), ...components(responseSchemas, "output") },
    },
  };
}
