import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature.js";

const secret = "whsec_test";
const body = '{"deliveryId":"d-1","changes":[]}';
const at = new Date("2026-12-04T10:00:00.900Z");
const t = 1_796_378_400; // at, in whole seconds

describe("the signature header", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<raw body>'>", () => {
    const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${v1}`);
  });

  it.each([
    ["the same body, secret and a recent time", body, secret, 60, true],
    ["a changed body", body.replace("d-1", "d-2"), secret, 0, false],
    ["another secret", body, "other", 0, false],
    ["a timestamp older than the tolerance", body, secret, 301, false],
  ])("verifies: %s", (_, received, key, secondsLater, ok) => {
    const header = signatureHeader(secret, body, at);
    const now = new Date(at.getTime() + secondsLater * 1000);
    expect(verifySignature(key, header, received, { now })).toBe(ok);
  });

  it.each([
    ["no header", undefined],
    ["no v1", `t=${t}`],
    ["a short v1", `t=${t},v1=abcd`],
    ["no t", `v1=${"0".repeat(64)}`],
  ])("refuses %s", (_, header) => {
    expect(verifySignature(secret, header, body, { now: at })).toBe(false);
  });
});
