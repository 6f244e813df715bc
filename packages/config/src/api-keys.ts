/**
 * API keys as the API stores them: never the key, only its SHA-256 and what it may do
 * (README.md, "API keys and scopes"). `API_KEYS` is a comma-separated list of entries
 * `[name:]<sha256 hex of the key>:<scope>+<scope>`; `segflow keys create` makes a key and its entry.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * What a key may do. Scopes are independent (`admin` does not imply `read` or `write`), so that a
 * key can be given exactly what it needs: an ingestion key `write` alone, a dashboard `read` alone.
 * - `read`: reads of profiles, segments, runs and fields, and the read-only segment tools
 *   (validate, estimate, backtest); the docs and `/openapi.json`.
 * - `write`: writes of profiles, events and segments; starting runs.
 * - `admin`: schedules, models, destinations (dead letters and replays too), Bull Board, `/metrics`.
 */
export const API_SCOPES = ["read", "write", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** One accepted key: its SHA-256 (64 lowercase hex digits) and its scopes. */
export interface ApiKeyEntry {
  /** A label for people and logs (never the key); the entry's position when not given. */
  name: string;
  sha256: string;
  scopes: ApiScope[];
}

/** The SHA-256 of a key, in hex: what `API_KEYS` stores and what a presented key is hashed to. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The `API_KEYS` entry of a key: `[name:]<sha256>:<scopes joined by +>`. */
export function apiKeyEntry(key: string, scopes: readonly ApiScope[], name?: string): string {
  return `${name ? `${name}:` : ""}${hashApiKey(key)}:${scopes.join("+")}`;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const HOW_TO_HASH =
  "API_KEYS holds hashes, never keys: an entry is [name:]<sha256 hex of the key>:<scope>+<scope>; " +
  "make one with `npx segflow keys create --scopes read,write` (a new key) or " +
  "`npx segflow keys hash <key> --scopes read,write` (an existing one)";

/**
 * Parses one entry. The messages never repeat the entry: a plaintext key put there by mistake
 * must not reach a log.
 */
function parseEntry(entry: string, position: number, ctx: z.RefinementCtx): ApiKeyEntry | undefined {
  const parts = entry.split(":");
  const where = `entry ${position + 1}`;
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message: `${where}: ${message}`, input: undefined });
    return undefined;
  };
  if (parts.length < 2 || parts.length > 3) return fail(`not a key hash with scopes. ${HOW_TO_HASH}`);
  const [name, sha256, scopes] = parts.length === 3 ? parts : [undefined, ...parts];
  if (!SHA256.test(sha256 ?? "")) return fail(`not a SHA-256 hash (64 hex digits) of a key. ${HOW_TO_HASH}`);
  if (name !== undefined && !NAME.test(name))
    return fail("the name may hold letters, digits, '_', '.', '-' only");
  const given = (scopes ?? "").split("+").filter(Boolean);
  if (given.length === 0)
    return fail(`no scopes: end the entry with :${API_SCOPES.join("+")} or some of them`);
  const unknown = given.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    return fail(
      `unknown scope ${unknown.map((s) => `"${s}"`).join(", ")} (scopes: ${API_SCOPES.join(", ")})`,
    );
  return {
    name: name ?? `key-${position + 1}`,
    sha256: (sha256 as string).toLowerCase(),
    scopes: [...new Set(given as ApiScope[])],
  };
}

/** `API_KEYS`: comma-separated entries, each parsed; every bad one is reported by position. */
export const ApiKeys = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const entries = s
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const parsed = entries.map((e, i) => parseEntry(e, i, ctx));
    // One key, one set of scopes: two entries of a key would leave which one applies unclear.
    parsed.forEach((e, i) => {
      const first = parsed.findIndex((other) => other?.sha256 === e?.sha256);
      if (e && first < i)
        ctx.addIssue({
          code: "custom",
          message: `entry ${i + 1}: the same key as entry ${first + 1}`,
          input: undefined,
        });
    });
    return parsed.filter((e): e is ApiKeyEntry => e !== undefined);
  });
