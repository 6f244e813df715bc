import { describe, expect, it } from "vitest";
import { indexesInPlan } from "./plan-indexes.js";

// Trimmed from real explain output of each server.
const mongodb = {
  queryPlanner: {
    winningPlan: {
      stage: "FETCH",
      inputStage: { stage: "IXSCAN", keyPattern: { bucket: 1, _id: 1 }, indexName: "bucket_id" },
    },
    rejectedPlans: [{ stage: "FETCH", inputStage: { stage: "IXSCAN", indexName: "other" } }],
  },
};
const documentdb = {
  queryPlanner: {
    Plan: {
      "Node Type": "Sort",
      Plans: [
        {
          "Node Type": "Bitmap Heap Scan",
          "Relation Name": "documents_201",
          Plans: [{ "Node Type": "Bitmap Index Scan", "Index Name": "bucket_profile_time" }],
        },
      ],
    },
  },
};
const collectionScan = {
  queryPlanner: { Plan: { "Node Type": "Seq Scan", "Relation Name": "documents_201" } },
};

describe("indexesInPlan", () => {
  it.each([
    ["MongoDB's winning plan, not the rejected ones", mongodb, ["bucket_id"]],
    ["DocumentDB's PostgreSQL plan tree", documentdb, ["bucket_profile_time"]],
    ["a collection scan", collectionScan, []],
  ])("reads the index names of %s", (_, explain, names) => {
    expect(indexesInPlan(explain)).toEqual(names);
  });
});
