/**
 * Which version may be scored, for a request (the newest that may be, none while a pass runs) and
 * for a job (the one it names, else the active one; never a poor one), and when outcomes are due.
 */
import type { ModelStatus, ModelVersionStatus } from "@segflow/store";
import { describe, expect, test } from "vitest";
import { ScoringRefusedError } from "./errors.js";
import { outcomesDueAt } from "./scoring-lifecycle.js";
import { jobVersionToScore, mayBeScored, versionToScore } from "./version-to-score.js";

const model = (status: ModelStatus, activeVersion: number | null = null) => ({
  _id: "churn",
  status,
  activeVersion,
});
/** Newest first, as the store lists them. */
const versions = (...statuses: ModelVersionStatus[]) =>
  statuses.map((status, i) => ({ version: statuses.length - i, status }));

const refusal = (decide: () => number) => {
  try {
    decide();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringRefusedError);
    return (error as ScoringRefusedError).reason;
  }
  throw new Error("expected a refusal");
};

describe("a version's scores may be written", () => {
  test.each([
    ["trained", true],
    ["scoring", true],
    ["active", true],
    ["superseded", true],
    ["poor", false],
  ] as const)("%s → %s", (status, may) => {
    expect(mayBeScored({ status })).toBe(may);
  });
});

describe("a scoring request", () => {
  test.each([
    ["the newest trained version", model("ready", 1), versions("trained", "active"), 2],
    ["the active version when the newer one is poor", model("poor", 1), versions("poor", "active"), 1],
    ["a trained version over older poor ones", model("failed"), versions("trained", "poor"), 2],
    ["a version left scoring by a failed pass", model("failed", 1), versions("scoring", "active"), 2],
  ])("scores %s", (_, m, vs, expected) => {
    expect(versionToScore(m, vs)).toBe(expected);
  });

  test.each([
    ["a pass is under way", model("scoring", 1), versions("trained", "active"), "scoring_under_way"],
    ["the model is untrained", model("untrained"), versions(), "no_version"],
    ["every version is poor", model("poor"), versions("poor", "poor"), "every_version_poor"],
  ])("is refused when %s", (_, m, vs, reason) => {
    expect(refusal(() => versionToScore(m, vs))).toBe(reason);
  });

  test("says what to do next", () => {
    expect(() => versionToScore(model("untrained"), [])).toThrow(
      'model "churn" has nothing to score (it has no version yet): train it first with POST /v1/models/churn/train',
    );
  });
});

describe("a scoring job", () => {
  test("scores the version it names, even while the model says scoring", () => {
    expect(jobVersionToScore(model("scoring", 1), versions("trained", "active"), 2)).toBe(2);
  });

  test("rescores the active version when it names none (a schedule)", () => {
    expect(jobVersionToScore(model("ready", 1), versions("trained", "active"), undefined)).toBe(1);
  });

  test.each([
    ["names a poor version", model("ready", 1), versions("poor", "active"), 2, "poor_version"],
    ["names a version that does not exist", model("ready", 1), versions("active"), 3, "unknown_version"],
    ["names none and none is active", model("scoring"), versions("trained"), undefined, "no_version"],
  ])("is refused when it %s", (_, m, vs, requested, reason) => {
    expect(refusal(() => jobVersionToScore(m, vs, requested))).toBe(reason);
  });
});

describe("outcomes are due", () => {
  test("a window after the pass's now", () => {
    expect(outcomesDueAt(new Date("2026-11-01T06:00:00Z"), 30)).toEqual(new Date("2026-12-01T06:00:00Z"));
  });
});
