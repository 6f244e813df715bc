/**
 * fast-check values for the JSON Schemas of the OpenAPI document (`/openapi.json`), so that the
 * HTTP fuzz test (fuzz.int.test.ts) starts from requests the API accepts and mutates them from
 * there. Mostly valid: strings come from a pool of plausible values (instants, durations, cron
 * patterns, definitions, URLs) as well as at random, so that handlers run past their schemas.
 * Only the JSON Schema keywords zod's `toJSONSchema` writes for our request shapes are read.
 */
import fc from "fast-check";

/** A JSON Schema as found in the document (loosely typed: it is read, never trusted). */
export type JsonSchema = { [key: string]: unknown };

/** `#/components/schemas/X` → its schema. */
export type Components = Record<string, JsonSchema>;

const INSTANTS = [
  "2026-01-31T12:00:00Z",
  "2026-01-31",
  "1970-01-01T00:00:00.000Z",
  "9999-12-31T23:59:59Z",
  // the ends of JavaScript's dates, a year 0, days and hours that do not exist
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "0000-01-01T00:00:00Z",
  "2026-02-30",
  "2026-01-31T24:00:00Z",
  "2026-01-31T12:00:00+14:00",
];
/** Valid definitions (some from the parser fuzz test's seeds) and a few that evaluate oddly. */
const DEFINITIONS = [
  'attributes.country = "FR"',
  'count(events where type = "purchase") >= 2',
  'exists(events where type = "login" and timestamp within last 7 days)',
  'inSegment("seg-a")',
  'type = "purchase"',
  'loyalty.tier in ["gold", "platinum"] and country = "US" and yearsSince(birthDate) >= 18',
  'sum(events.revenue where type = "purchase" and timestamp within last 90 days) > 500',
  'daysSince(max(events.timestamp where type = "purchase")) > 60',
  'sequence(events where type = "productView", events where type = "addToCart") within 1 day',
  "x not between 1 and 2 or y not in [1, 2, 3] or z between -1 and 1 + 2 * 3 / 4",
  'length(tags) = 2 or abs(-3) = 3 or date("2026-01-01T10:00:00.123+02:00") < now - 3 days',
  "age / 0 > 1 or age * 1e308 * 1e308 > 1 or avg(events.amount) < -1e308",
  'date(signup) > now - 100000 days or daysSince(date("0000-01-01")) > 1',
];
const IDS = ["seg-a", "p-1", "dest-a", "model-a"];

/** Values a handler can do something with: the strings that random text almost never hits. */
export const PLAUSIBLE_STRINGS = [
  ...INSTANTS,
  ...DEFINITIONS,
  ...IDS,
  "1 day",
  "6 hours",
  "2 weeks",
  "0 3 * * *",
  "*/5 * * * *",
  "http://127.0.0.1:9/hook",
  "conversion",
  "churn",
];

/** The plausible values for a field, by its name (`now`, `definition`, …), else all of them. */
function plausibleFor(name: string | undefined): string[] {
  switch (name) {
    case "now":
    case "timestamp":
    case "from":
    case "to":
      return INSTANTS;
    case "definition":
    case "goal":
    case "eligible":
      return DEFINITIONS;
    case "id":
    case "profileId":
    case "segment":
    case "deliveryId":
      return IDS;
    case "step":
      return ["1 day", "6 hours", "2 weeks", "1 minute", "0 days", "-1 day", "100000 weeks", "1e9 days"];
    case "schedule":
    case "train":
    case "score":
      // the last ones never fire, have no valid step, or are not cron at all
      return [
        "0 3 * * *",
        "*/5 * * * *",
        "0 0 30 2 *",
        "*/0 * * * *",
        "@reboot",
        "0 0 * * 8",
        "* * * * * * *",
      ];
    case "url":
      return ["http://127.0.0.1:9/hook"];
    default:
      return PLAUSIBLE_STRINGS;
  }
}

const MAX_DEPTH = 4;

/** Free-form JSON (attributes, properties): nested a little, with odd keys now and then. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ maxLength: 20 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("$set", "a.b", "", "__proto__", "constructor")),
    tie("value"),
    { maxKeys: 4 },
  ),
})).value;

function stringFor(schema: JsonSchema, name: string | undefined): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === "number" ? schema.maxLength : 40, 40);
  if (typeof schema.pattern === "string") {
    return fc.oneof(
      { arbitrary: fc.stringMatching(new RegExp(schema.pattern)), weight: 3 },
      { arbitrary: fc.constantFrom(...IDS), weight: 2 },
    );
  }
  return fc.oneof(
    { arbitrary: fc.constantFrom(...plausibleFor(name)), weight: 4 },
    { arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }), weight: 1 },
  );
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === "number" ? schema.minimum : -1e6;
  const max = typeof schema.maximum === "number" ? schema.maximum : 1e6;
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * A value for `schema`; `$ref`s are looked up in `components`. `name` is the field's (or
 * parameter's) name, which picks the plausible strings.
 */
export function arbitraryFor(
  schema: JsonSchema,
  components: Components,
  depth = 0,
  name?: string,
): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = components[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return arbitraryFor(target, components, depth, name);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) {
    return fc.oneof(...alternatives.map((s) => arbitraryFor(s, components, depth, name)));
  }
  switch (schema.type) {
    case "string":
      return stringFor(schema, name);
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = (schema.items ?? {}) as JsonSchema;
      const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
      const maxLength = Math.max(
        minLength,
        Math.min(typeof schema.maxItems === "number" ? schema.maxItems : 3, 3),
      );
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryFor(items, components, depth + 1, name), { minLength, maxLength });
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      if (Object.keys(properties).length === 0)
        return fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 4 });
      const record = Object.fromEntries(
        Object.entries(properties).map(([field, s]) => [
          field,
          arbitraryFor(s, components, depth + 1, field),
        ]),
      );
      return fc.record(record, { requiredKeys: required.filter((k) => k in properties) });
    }
    default:
      return jsonValue;
  }
}
