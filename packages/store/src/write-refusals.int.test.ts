/**
 * Refusals against a real server: the driver's errors of an unordered bulk write become one
 * RejectedWrite per refused item, indexed as the input; oversized statements are refused before
 * anything is sent; only "cannot reach the server" errors count as unavailable.
 */
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openStore, type Store } from "./index.js";
import { isStoreUnavailable } from "./store-unavailable.js";
import {
  DocumentsRefusedError,
  MAX_DOCUMENT_BYTES,
  refuseOversized,
  writeErrorsOf,
} from "./write-refusals.js";

let store: Store;
beforeAll(async () => {
  store = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("refusals")));
});
afterAll(async () => {
  await store?.db.dropDatabase();
  await store?.close();
});

/** The error a call throws, or a failure when it does not throw. */
async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("writeErrorsOf", () => {
  it("names each refused item of an unordered insert by its input index; the others are written", async () => {
    const scratch = store.db.collection<{ _id: string; n: number }>("scratch");
    await scratch.insertOne({ _id: "taken", n: 0 });
    const docs = [
      { _id: "a", n: 1 },
      { _id: "taken", n: 2 },
      { _id: "b", n: 3 },
      { _id: "a", n: 4 },
    ];
    const error = await thrown(() => scratch.insertMany(docs, { ordered: false }));
    const partial = writeErrorsOf(error, (i) => docs[i]!._id);
    expect(partial?.rejected).toEqual([
      { index: 1, id: "taken", code: "duplicate", message: expect.stringMatching(/duplicate key/i) },
      { index: 3, id: "a", code: "duplicate", message: expect.stringMatching(/duplicate key/i) },
    ]);
    expect(partial?.result.insertedCount).toBe(2);
    expect(await scratch.countDocuments()).toBe(3);
  });

  it("is undefined for errors that are not about items", () => {
    expect(writeErrorsOf(new Error("boom"), () => "x")).toBeUndefined();
  });
});

describe("refuseOversized", () => {
  it("throws naming every statement the driver would refuse, and passes the others", () => {
    const big = { s: "x".repeat(MAX_DOCUMENT_BYTES) };
    let error: unknown;
    try {
      refuseOversized([{ a: 1 }, big, { b: 2 }, big], (i) => `id-${i}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentsRefusedError);
    expect((error as DocumentsRefusedError).items).toEqual([
      { index: 1, id: "id-1", code: "too_large", message: expect.stringMatching(/^16\.0 MiB as BSON/) },
      { index: 3, id: "id-3", code: "too_large", message: expect.any(String) },
    ]);
    expect(() => refuseOversized([{ a: 1 }], () => "a")).not.toThrow();
  });
});

describe("isStoreUnavailable", () => {
  it("is true for a closed client, false for a refusal by the server", async () => {
    const closed = await openStore(mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("closed")));
    await closed.close();
    expect(isStoreUnavailable(await thrown(() => closed.profiles.findOne({ _id: "x" })))).toBe(true);
    const scratch = store.db.collection<{ _id: string }>("scratch2");
    await scratch.insertOne({ _id: "x" });
    expect(isStoreUnavailable(await thrown(() => scratch.insertOne({ _id: "x" })))).toBe(false);
    expect(isStoreUnavailable(new Error("boom"))).toBe(false);
  });
});
