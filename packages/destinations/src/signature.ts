/**
 * The signature of a delivery (README.md, "Destinations (webhooks)"): the header
 * `X-Segflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the
 * destination's secret. The timestamp is signed with the body, so a receiver that rejects old
 * timestamps also rejects a recorded call replayed later.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Segflow-Signature";
export const DELIVERY_HEADER = "X-Segflow-Delivery";

/** The hex HMAC-SHA256 of `<t>.<raw body>`. */
export function signaturePayload(secret: string, t: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
}

/** The signature header's value for `rawBody` sent at `at`. */
export function signatureHeader(secret: string, rawBody: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${signaturePayload(secret, t, rawBody)}`;
}

export interface VerifyOptions {
  /** Calls signed longer ago (or further ahead) than this are refused. @defaultValue 300 */
  toleranceSeconds?: number;
  /** @defaultValue the current time */
  now?: Date;
}

/**
 * What a receiver checks: a well-formed header, a timestamp within the tolerance, and a `v1`
 * equal (in constant time) to the HMAC of the raw body as received. For receivers written in
 * TypeScript against this package, and for segflow's own tests and benchmark.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  rawBody: string,
  options: VerifyOptions = {},
): boolean {
  const fields = new Map(
    (header ?? "").split(",").map((part) => {
      const eq = part.indexOf("=");
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const t = Number(fields.get("t"));
  const v1 = fields.get("v1") ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const nowSeconds = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(nowSeconds - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signaturePayload(secret, t, rawBody), "hex");
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}
