import { describe, expect, it } from "vitest";
import { ModelSpec } from "./model-spec.js";

const minimal = { name: "churn", type: "churn", goal: "type is not null", windowDays: 30 };

describe("ModelSpec", () => {
  it("fills Adobe's defaults", () => {
    expect(ModelSpec.parse(minimal)).toEqual({
      ...minimal,
      lookbackDays: 90,
      attributes: [],
      schedule: {},
      buckets: { medium: 25, high: 75 },
      dataChecks: { minPositives: 500, minNegatives: 500 },
      minAuc: 0.65,
    });
  });

  it.each([
    [{ ...minimal, windowDays: 0 }, "windowDays"],
    [{ ...minimal, type: "upsell" }, "type"],
    [{ ...minimal, goal: "  " }, "goal"],
    [{ ...minimal, buckets: { medium: 80, high: 20 } }, "buckets"],
    [{ ...minimal, dataChecks: { minPositives: 0 } }, "dataChecks.minPositives"],
    [{ ...minimal, windowdays: 30 }, ""],
  ])("rejects %j, naming the field", (input, path) => {
    const result = ModelSpec.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join(".")).toBe(path);
  });
});
