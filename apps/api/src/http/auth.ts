/**
 * API keys (`API_KEYS`: hashes with scopes, packages/config api-keys.ts; README.md, "API keys and
 * scopes"). `authenticate` finds the key a request presents, `requireScope` checks that it has the
 * scope a route needs: 401 without a known key, 403 with a key that lacks the scope.
 *
 * Scripts send `Authorization: Bearer <key>`; browsers (the docs page,
 * Bull Board) use HTTP Basic with any user name and the key as the password, so a 401 carries
 * `WWW-Authenticate: Basic` and the browser asks for it. A request that sent a wrong Bearer key
 * gets a Bearer challenge instead (RFC 6750): browsers prompt for Basic challenges only, and the
 * web console, whose calls send Bearer keys, must say "wrong key" itself rather than have the
 * browser open a password dialog over it.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKeyEntry, ApiScope } from "@segflow/config";
import type { RequestHandler, Response } from "express";
import { AppError } from "./errors.js";

export const REALM = "segflow";

/** The key a request presents, or undefined. */
export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (!scheme || !value) return undefined;
  switch (scheme.toLowerCase()) {
    case "bearer":
      return value;
    case "basic": {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return colon < 0 ? undefined : decoded.slice(colon + 1);
    }
    default:
      return undefined;
  }
}

/** The key a request was authenticated with (its name and scopes, never the key), on `res.locals`. */
export interface AuthenticatedKey {
  name: string;
  scopes: readonly ApiScope[];
}

/** The key `authenticate` accepted for this request, if any. */
export const authenticatedKey = (res: Response): AuthenticatedKey | undefined => res.locals.apiKey;

/**
 * Accepts a request whose presented key hashes to one of `keys` (SHA-256) and records it on
 * `res.locals`; anything else is a 401. Only hashes are held: a leaked configuration or memory
 * dump does not reveal a key.
 */
export function authenticate(keys: readonly ApiKeyEntry[]): RequestHandler {
  const stored = keys.map((k) => ({
    key: { name: k.name, scopes: k.scopes },
    hash: Buffer.from(k.sha256, "hex"),
  }));
  return (req, res, next) => {
    const presented = presentedKey(req.headers.authorization);
    if (presented !== undefined) {
      const given = createHash("sha256").update(presented, "utf8").digest();
      // Every stored hash is compared, in constant time each (equal lengths: both SHA-256), so
      // neither the time nor an early exit says which one matched or how much of it.
      let found: AuthenticatedKey | undefined;
      for (const { key, hash } of stored) if (timingSafeEqual(hash, given)) found = key;
      if (found) {
        res.locals.apiKey = found;
        return next();
      }
    }
    const bearer = /^\s*bearer\s/i.test(req.headers.authorization ?? "");
    res.setHeader(
      "WWW-Authenticate",
      bearer ? `Bearer realm="${REALM}", error="invalid_token"` : `Basic realm="${REALM}", charset="UTF-8"`,
    );
    next(
      new AppError(
        "unauthorized",
        presented === undefined
          ? "missing API key: send Authorization: Bearer <key> (or HTTP Basic with the key as password)"
          : "invalid API key",
      ),
    );
  };
}

/**
 * Lets the request on when its key (from `authenticate`, mounted before) has `scope`; a 403
 * naming the missing scope otherwise. `what` names the resource in the message.
 */
export function requireScope(scope: ApiScope, what: string): RequestHandler {
  return (_req, res, next) => {
    const key = authenticatedKey(res);
    if (key?.scopes.includes(scope)) return next();
    next(
      new AppError("forbidden", `this API key lacks the scope "${scope}", which ${what} needs`, {
        requiredScope: scope,
        keyScopes: key?.scopes ?? [],
      }),
    );
  };
}
