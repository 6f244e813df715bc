import { describe, expect, it } from "vitest";
import { ModelDefinition, ModelSpec } from "./model-spec.js";

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

describe("ModelDefinition", () => {
  it("is the spec with an optional id, which the spec alone refuses", () => {
    expect(ModelDefinition.parse({ ...minimal, id: "churn_30d" })).toEqual({
      ...ModelSpec.parse(minimal),
      id: "churn_30d",
    });
    expect(ModelDefinition.parse(minimal)).toEqual(ModelSpec.parse(minimal));
    expect(ModelSpec.safeParse({ ...minimal, id: "churn_30d" }).success).toBe(false);
  });

  it.each(["churn", "Churn-30d", "churn_30d", "0", "a".repeat(64)])("takes the id %j", (id) => {
    expect(ModelDefinition.safeParse({ ...minimal, id }).success).toBe(true);
  });

  it.each([
    ["a.b", "a dot (scores.a.b would be two fields)"],
    ["$x", "a leading $"],
    ["_x", "a leading _"],
    ["", "nothing"],
    ["a".repeat(65), "65 characters"],
    ["séance", "a letter outside A-Z"],
  ])("refuses the id %j: %s", (id) => {
    const result = ModelDefinition.safeParse({ ...minimal, id });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["id"]);
  });

  it("still refuses an unknown field", () => {
    const result = ModelDefinition.safeParse({ ...minimal, ids: "churn" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join(".")).toBe("");
  });
});
