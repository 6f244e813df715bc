/**
 * Requests generated from the API's own OpenAPI document (`/openapi.json`): for each operation, a
 * request its schemas allow (json-schema-arbitrary.ts), then at most one mutation from
 * fuzz-values.ts (a field replaced, removed or added; the body, content type, path id, query,
 * method, key or a declared header made hostile). Used by the HTTP fuzz test (fuzz.int.test.ts).
 */
import fc from "fast-check";
import {
  hostileAuthorization,
  hostileBody,
  hostileContentHeaders,
  hostileId,
  hostileQuery,
  hostileValue,
  ODD_METHODS,
  toJson,
} from "./fuzz-values.js";
import { arbitraryFor, type Components, type JsonSchema } from "./json-schema-arbitrary.js";

/** One request, ready for node:http (the path already encoded, the body already text). */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What was done to the generated request, for the failure report. */
  mutation: string;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
}

/** An operation of the document, as the generator needs it. */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { schema: JsonSchema; required: boolean };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components: { schemas: Components };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const requestBody = op.requestBody as
        | { required?: boolean; content: Record<string, { schema: JsonSchema }> }
        | undefined;
      const schema = requestBody?.content["application/json"]?.schema;
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(schema ? { body: { schema, required: requestBody?.required ?? false } } : {}),
      };
    }),
  );
}

type Mutation =
  | { kind: "none" }
  | { kind: "field"; op: "replace" | "delete" | "add"; at: number; value: unknown; key: string }
  | { kind: "body"; text: string }
  | { kind: "content"; headers: Record<string, string> }
  | { kind: "id"; id: string; which: number }
  | { kind: "query"; query: string }
  | { kind: "method"; method: string }
  | { kind: "auth"; authorization: string | undefined }
  | { kind: "header"; value: string };

/** Every node of a JSON value, as a path of keys (the root is []). */
function nodes(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nodes(v, [...path, i], out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  }
  return out;
}

function mutateField(body: unknown, m: Extract<Mutation, { kind: "field" }>): unknown {
  const root = { value: structuredClone(body) as unknown };
  const all = nodes(root.value).map((p) => ["value", ...p]);
  const path = all[m.at % all.length] as (string | number)[];
  // biome-ignore lint/suspicious/noExplicitAny: a JSON tree walked by its keys
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
  const last = path[path.length - 1] as string | number;
  const node = parent[last];
  if (m.op === "replace" || (m.op === "delete" && path.length === 1)) parent[last] = m.value;
  else if (m.op === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (Array.isArray(node)) node.push(m.value);
  else if (node !== null && typeof node === "object")
    // An own property even for `__proto__` (an assignment would set the prototype instead).
    Object.defineProperty(node, m.key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else parent[last] = m.value;
  return root.value;
}

const mutation = (op: Operation): fc.Arbitrary<Mutation> => {
  const queryNames = op.parameters.filter((p) => p.in === "query").map((p) => p.name);
  const pathParams = op.parameters.filter((p) => p.in === "path").length;
  const declaredHeaders = op.parameters.filter((p) => p.in === "header").length;
  return fc.oneof(
    { arbitrary: fc.constant({ kind: "none" as const }), weight: 8 },
    {
      arbitrary: fc.record({
        kind: fc.constant("field" as const),
        op: fc.constantFrom("replace" as const, "delete" as const, "add" as const),
        at: fc.nat(),
        value: hostileValue,
        key: fc.constantFrom("bogus", "__proto__", "constructor", "$set", "a.b", "", "\u0000", "_id"),
      }),
      weight: 6,
    },
    { arbitrary: fc.record({ kind: fc.constant("body" as const), text: hostileBody }), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant("content" as const), headers: hostileContentHeaders }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ kind: fc.constant("id" as const), id: hostileId, which: fc.nat() }),
      weight: pathParams > 0 ? 3 : 0,
    },
    {
      arbitrary: fc.record({ kind: fc.constant("query" as const), query: hostileQuery(queryNames) }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ kind: fc.constant("method" as const), method: fc.constantFrom(...ODD_METHODS) }),
      weight: 1,
    },
    {
      arbitrary: fc.record({ kind: fc.constant("auth" as const), authorization: hostileAuthorization }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("header" as const),
        value: fc.constantFrom("", " ", "x".repeat(300), "x".repeat(8000), "\u00e9\u00ff", "a,b", "%00"),
      }),
      weight: declaredHeaders > 0 ? 1 : 0,
    },
  );
};

/** The generated parts of one operation's request, before any mutation. */
function parts(op: Operation, components: Components) {
  const params = (where: Parameter["in"]) =>
    fc.record(
      Object.fromEntries(
        op.parameters
          .filter((p) => p.in === where)
          .map((p) => [p.name, arbitraryFor(p.schema, components, 0, p.name)]),
      ),
      {
        requiredKeys: op.parameters.filter((p) => p.in === where && p.required).map((p) => p.name),
      },
    );
  return fc.record({
    path: params("path"),
    query: params("query"),
    headers: params("header"),
    body: op.body ? arbitraryFor(op.body.schema, components) : fc.constant(undefined),
  });
}

/** Requests for every operation of the document, authenticated with `key` unless mutated. */
export function fuzzRequests(document: OpenApiDocument, key: string): fc.Arbitrary<FuzzRequest> {
  const components = document.components.schemas;
  const operations = operationsOf(document);
  return fc
    .constantFrom(...operations)
    .chain((op) => fc.tuple(fc.constant(op), parts(op, components), mutation(op)))
    .map(([op, p, m]) => build(op, p, m, key));
}

function build(
  op: Operation,
  p: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    headers: Record<string, unknown>;
    body: unknown;
  },
  m: Mutation,
  key: string,
): FuzzRequest {
  const pathNames = Object.keys(p.path);
  let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    m.kind === "id" && pathNames[m.which % pathNames.length] === name
      ? m.id
      : encodeURIComponent(String(p.path[name])),
  );
  const query = Object.entries(p.query).map(
    ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`,
  );
  if (m.kind === "query") query.push(m.query);
  if (query.length > 0) path += `?${query.join("&")}`;

  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  for (const [name, value] of Object.entries(p.headers))
    headers[name.toLowerCase()] = m.kind === "header" ? m.value : String(value);
  if (m.kind === "auth") {
    if (m.authorization === undefined) delete headers.authorization;
    else headers.authorization = m.authorization;
  }

  let body: string | undefined;
  if (m.kind === "body") body = m.text;
  else if (m.kind === "field") body = toJson(mutateField(p.body ?? {}, m));
  else if (p.body !== undefined) body = toJson(p.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  if (m.kind === "content") {
    delete headers["content-type"];
    Object.assign(headers, m.headers);
  }
  const described =
    m.kind === "field"
      ? `field ${m.op} #${m.at} (${describe(m.value)})`
      : m.kind === "none"
        ? "none"
        : `${m.kind} ${describe(m)}`;
  return { method: m.kind === "method" ? m.method : op.method, path, headers, body, mutation: described };
}

function describe(value: unknown): string {
  const text = toJson(value);
  return text.length > 120 ? `${text.slice(0, 100)}… (${text.length} chars)` : text;
}
