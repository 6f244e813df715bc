/**
 * API keys (`API_KEYS`). Scripts send `Authorization: Bearer <key>`; browsers (the docs page,
 * Bull Board) use HTTP Basic with any user name and the key as the password, so a 401 carries
 * `WWW-Authenticate: Basic` and the browser asks for it. A request that sent a wrong Bearer key
 * gets a Bearer challenge instead (RFC 6750): browsers prompt for Basic challenges only, and the
 * web console, whose calls send Bearer keys, must say "wrong key" itself rather than have the
 * browser open a password dialog over it.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
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

// Keys are compared as hashes so that the comparison takes the same time whatever the length.
const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function requireApiKey(keys: readonly string[]): RequestHandler {
  const digests = keys.map(digest);
  return (req, res, next) => {
    const key = presentedKey(req.headers.authorization);
    if (key !== undefined) {
      const given = digest(key);
      // Every key is compared, so the time does not say which one matched.
      const ok = digests.reduce((found, d) => timingSafeEqual(d, given) || found, false);
      if (ok) return next();
    }
    const bearer = /^\s*bearer\s/i.test(req.headers.authorization ?? "");
    res.setHeader(
      "WWW-Authenticate",
      bearer ? `Bearer realm="${REALM}", error="invalid_token"` : `Basic realm="${REALM}", charset="UTF-8"`,
    );
    next(
      new AppError(
        "unauthorized",
        key === undefined
          ? "missing API key: send Authorization: Bearer <key> (or HTTP Basic with the key as password)"
          : "invalid API key",
      ),
    );
  };
}
