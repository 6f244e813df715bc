import { type Collection, MongoBulkWriteError } from "mongodb";
import { describe, expect, it } from "vitest";
import { insertNew } from "./insert-new.js";

/** A bulk error as the driver builds it, with the write errors and inserted count given. */
function bulkError(insertedCount: number, codes: number[]): MongoBulkWriteError {
  const error = Object.create(MongoBulkWriteError.prototype) as MongoBulkWriteError;
  Object.assign(error, {
    message: "bulk failed",
    writeErrors: codes.map((code, index) => ({ code, index })),
    result: { insertedCount },
  });
  return error;
}

const failingWith = (error: unknown) =>
  ({ insertMany: () => Promise.reject(error) }) as unknown as Collection<{ _id: string }>;

const DOCS = [{ _id: "a" }, { _id: "b" }, { _id: "c" }];

describe("insertNew", () => {
  it("counts duplicates of a repeated insert as done", async () => {
    expect(await insertNew(failingWith(bulkError(1, [11000, 11000])), DOCS)).toBe(1);
  });

  it("throws a bulk error without write errors (nothing inserted, nothing duplicate)", async () => {
    // Seen for an insert in flight across a MongoDB restart: swallowed, it lost a
    // shard's membership history (faults/mongo-restart.test.ts).
    await expect(insertNew(failingWith(bulkError(0, [])), DOCS)).rejects.toThrow("bulk failed");
  });

  it("throws when documents are neither inserted nor duplicates", async () => {
    await expect(insertNew(failingWith(bulkError(1, [11000])), DOCS)).rejects.toThrow("bulk failed");
  });

  it("throws other write errors", async () => {
    await expect(insertNew(failingWith(bulkError(1, [11000, 2])), DOCS)).rejects.toThrow("bulk failed");
  });
});
