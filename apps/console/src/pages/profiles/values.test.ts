import { describe, expect, it } from "vitest";
import { formatDuration, inlineValue, readScores, valueRows } from "./values.js";

describe("nested values as rows", () => {
  it("opens objects and arrays as groups, depth first, with unique paths", () => {
    const rows = valueRows({ plan: "pro", loyalty: { tier: "gold", points: 1200 }, tags: ["vip", ["a"]] });
    expect(rows.map((r) => [r.path, r.depth, r.text ?? r.summary])).toEqual([
      ["plan", 0, '"pro"'],
      ["loyalty", 0, "2 fields"],
      ["loyalty.tier", 1, '"gold"'],
      ["loyalty.points", 1, "1,200"],
      ["tags", 0, "2 items"],
      ["tags[0]", 1, '"vip"'],
      ["tags[1]", 1, "1 item"],
      ["tags[1][0]", 2, '"a"'],
    ]);
  });

  it("shows null leaves and empty groups", () => {
    expect(valueRows({ email: null, prefs: {} }).map((r) => r.text ?? r.summary)).toEqual([
      "null",
      "0 fields",
    ]);
  });
});

describe("inline values", () => {
  it("writes durations in their largest whole unit", () => {
    expect(inlineValue({ durationMs: 30 * 86_400_000 })).toBe("30 days");
    expect(formatDuration(90_000)).toBe("90 seconds");
    expect(formatDuration(1500)).toBe("1,500 ms");
  });

  it("quotes strings and writes numbers with separators", () => {
    expect(inlineValue("gold")).toBe('"gold"');
    expect(inlineValue(12345.5)).toBe("12,345.5");
    expect(inlineValue(["a", 1])).toBe('["a",1]');
  });
});

describe("scores on a profile", () => {
  it("reads the trainer's entries and keeps others raw", () => {
    const entry = {
      probability: 0.8,
      score: 80,
      percentile: 91,
      bucket: "high",
      factors: [{ feature: "plan=pro", value: 1, impact: 0.4 }],
      modelVersion: 2,
      scoredAt: "2026-11-29T12:00:00.000Z",
    };
    const [churn, custom] = readScores({ churn: entry, custom: 5 });
    expect(churn).toMatchObject({ model: "churn", score: entry });
    expect(custom).toEqual({ model: "custom", score: null, raw: 5 });
  });
});
