/**
 * Hostile values for the HTTP fuzz test (fuzz.int.test.ts): what a JSON field, a path id, a query
 * value, a body or a header may be instead of what the OpenAPI document says.
 */
import fc from "fast-check";

/** JSON text spliced into a body as is (what `JSON.stringify` cannot write: 1e400, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text for a value that may hold RawJson parts. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`);
    return `{${fields.join(",")}}`;
  }
  // JSON.stringify writes NaN and Infinity as null, as a client library would.
  return JSON.stringify(value) ?? "null";
}

const nested = (depth: number, open: string, close: string, inner = "1") =>
  new RawJson(open.repeat(depth) + inner + close.repeat(depth));

/** A field's value of the wrong kind, size or shape. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  // wrong types
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, "", "x", [], {}, [null], { a: 1 }),
  // NaN-ish and number-ish strings
  fc.constantFrom(
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "0x10",
    " 1 ",
    "-0",
    "null",
    "undefined",
    "true",
    "[]",
    "{}",
  ),
  // huge and odd numbers
  fc.constantFrom<unknown>(
    1e308,
    -1e308,
    2 ** 53 + 1,
    -0,
    5e-324,
    new RawJson("1e400"),
    new RawJson("-1e400"),
    new RawJson("123456789012345678901234567890"),
    new RawJson("0.0000000000000000000000000000001"),
  ),
  // long strings (past every declared limit; the body limit is 10 MB)
  fc.constantFrom(70_000, 300_000, 2_000_000).map((n) => "x".repeat(n)),
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "😀".repeat(1000), "\u202e", "$where", "a.b", "__proto__"),
  // big arrays
  fc.constantFrom(1001, 5001, 100_000).map((n) => Array.from({ length: n }, (_, i) => `id-${i}`)),
  // deep nesting
  fc
    .constantFrom(33, 200, 10_000, 100_000)
    .chain((depth) => fc.constantFrom(nested(depth, "[", "]"), nested(depth, '{"a":', "}"))),
  // objects with the keys a document store or a prototype cares about
  fc.constantFrom<unknown>(
    new RawJson('{"__proto__":{"polluted":1}}'),
    { constructor: { prototype: { polluted: 1 } } },
    { $gt: "" },
    { "a.b": 1 },
    { "": 1 },
    { $set: { x: 1 } },
  ),
);

/**
 * Path segments for an id: traversal, encoded separators, NULs, broken escapes, long, unicode (a
 * raw Latin-1 byte too, which Node's HTTP parser refuses before the app: http/client-errors.ts).
 */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "..%2F..%2Fetc%2Fpasswd",
    "..%2f",
    "%2e%2e",
    "%2e%2e%2f%2e%2e",
    "..;",
    "%00",
    "a%00b",
    "%",
    "%zz",
    "%E0%A4%A",
    "%C0%AE%C0%AE",
    "%FF%FE",
    "%F0%9F%98%80",
    "%E2%80%AE",
    "%20",
    "%0d%0aX-Injected:%201",
    "__proto__",
    "constructor",
    "prototype",
    "$where",
    "%24gt",
    "[object%20Object]",
    "a%2Fb",
    "%5C..%5C",
    "~",
    "%C3%A9",
    "\u00e9",
  ),
  fc.constantFrom(257, 1000, 8000).map((n) => "a".repeat(n)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

/** Query strings: repeated, bracketed, unknown, empty, oversized. */
export function hostileQuery(names: string[]): fc.Arbitrary<string> {
  const name = names.length > 0 ? fc.constantFrom(...names, "bogus") : fc.constant("bogus");
  return fc.oneof(
    name.map((n) => `${n}=1&${n}=2`),
    name.map((n) => `${n}[]=1&${n}[]=2`),
    name.map((n) => `${n}[a]=1`),
    name.map((n) => `${n}=`),
    name.map((n) => n),
    name.map((n) => `${n}=${"9".repeat(400)}`),
    name.map((n) => `${n}=-1`),
    name.map((n) => `${n}=NaN`),
    name.map((n) => `${n}=1e999`),
    name.map((n) => `${n}=%`),
    name.map((n) => `${n}=%00`),
    fc.constantFrom("__proto__=1", "constructor[prototype][x]=1", "a=1&&&b", "=", "&", "%ZZ=1"),
  );
}

/** A whole body that is not the JSON asked for. */
export const hostileBody: fc.Arbitrary<string> = fc.constantFrom(
  "",
  "{",
  '{"a":}',
  "nul",
  "null",
  "1",
  '"a string"',
  "true",
  "[]",
  "[1,2",
  "{'single': 1}",
  '{"a":1}garbage',
  '{"a":1,"a":2}',
  "\u0000",
  '\uFEFF{"a":1}',
  "a=1&b=2",
  "[".repeat(100_000),
  `{"x":"${"\\u0000".repeat(10)}"}`,
);

/** `Content-Type` (and `Content-Encoding`) games; undefined sends none. */
export const hostileContentHeaders: fc.Arbitrary<Record<string, string>> = fc.constantFrom<
  Record<string, string>
>(
  {},
  { "content-type": "text/plain" },
  { "content-type": "application/x-www-form-urlencoded" },
  { "content-type": "multipart/form-data; boundary=x" },
  { "content-type": "application/json; charset=utf-16" },
  { "content-type": "application/json; charset=latin1" },
  { "content-type": "application/json; charset=nonsense" },
  { "content-type": 'application/json; charset="utf-8"' },
  { "content-type": "APPLICATION/JSON" },
  { "content-type": "application/vnd.api+json" },
  { "content-type": "application/json;;" },
  { "content-type": "*/*" },
  { "content-type": "application/json", "content-encoding": "gzip" },
  { "content-type": "application/json", "content-encoding": "br" },
  { "content-type": "application/json", "content-encoding": "compress" },
  { "content-type": "application/json", "content-encoding": "identity" },
);

/** `Authorization` values that are not a valid key (undefined: none). */
export const hostileAuthorization: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  "",
  "Bearer",
  "Bearer ",
  "Bearer wrong-key",
  "Basic",
  "Basic !!!!",
  `Basic ${Buffer.from("no-colon").toString("base64")}`,
  `Basic ${Buffer.from(":").toString("base64")}`,
  "Digest username=x",
  `Bearer ${"k".repeat(8000)}`,
  "Bearer \u00e9",
);

/** Methods no route declares; FOO and BREW are refused by Node's parser (http/client-errors.ts). */
export const ODD_METHODS = [
  "PATCH",
  "OPTIONS",
  "HEAD",
  "PROPFIND",
  "MKCOL",
  "LOCK",
  "SEARCH",
  "PURGE",
  "TRACE",
  "FOO",
  "BREW",
];
