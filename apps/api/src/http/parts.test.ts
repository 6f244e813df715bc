/** Small pure parts: API keys in headers, generated segment and model ids, cron patterns. */
import { SEGMENT_ID } from "@segflow/store";
import { describe, expect, test } from "vitest";
import { generateModelId } from "../models/id.js";
import { generateSegmentId } from "../segments/id.js";
import { presentedKey } from "./auth.js";
import { cronProblem } from "./cron.js";

describe("presentedKey", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  test.each([
    ["Bearer k1", "k1"],
    ["bearer   k1", "k1"],
    [`Basic ${b64("user:k1")}`, "k1"],
    [`Basic ${b64(":k:with:colons")}`, "k:with:colons"],
    [`Basic ${b64("no-colon")}`, undefined],
    ["Bearer", undefined],
    ["Token k1", undefined],
    [undefined, undefined],
  ])("%s → %s", (header, key) => {
    expect(presentedKey(header)).toBe(key);
  });
});

describe("generateSegmentId", () => {
  test.each([
    ["Lapsed VIPs", /^lapsed-vips-[0-9a-f]{6}$/],
    ["  Café  crème! ", /^cafe-creme-[0-9a-f]{6}$/],
    ["!!!", /^segment-[0-9a-f]{6}$/],
    ["日本", /^segment-[0-9a-f]{6}$/],
    ["x".repeat(200), /^x{48}-[0-9a-f]{6}$/],
  ])("%j → %s, a valid segment id", (name, shape) => {
    const id = generateSegmentId(name);
    expect(id).toMatch(shape);
    expect(id).toMatch(SEGMENT_ID);
  });

  test("two ids for one name differ", () => {
    expect(generateSegmentId("a")).not.toBe(generateSegmentId("a"));
  });
});

describe("generateModelId", () => {
  test.each([
    ["Churn in 30 days", /^churn_in_30_days_[0-9a-f]{6}$/],
    ["  Café  crème! ", /^cafe_creme_[0-9a-f]{6}$/],
    ["!!!", /^model_[0-9a-f]{6}$/],
    [`${"x".repeat(47)} y`, /^x{47}_[0-9a-f]{6}$/],
  ])("%j → %s, a valid id", (name, shape) => {
    const id = generateModelId(name);
    expect(id).toMatch(shape);
    expect(id).toMatch(SEGMENT_ID);
  });
});

describe("cronProblem", () => {
  test.each(["0 3 * * *", "*/15 * * * *", "0 0 3 * * 1-5", "@daily"])("%s is fine", (p) => {
    expect(cronProblem(p)).toBeUndefined();
  });
  test.each([
    ["* * *", /5 fields/],
    ["* * * * * * *", /5 fields/],
    ["61 * * * *", /not a valid cron pattern/],
    ["@sometimes", /not a valid cron pattern/],
  ])("%s: %s", (p, problem) => {
    expect(cronProblem(p)).toMatch(problem);
  });
});
