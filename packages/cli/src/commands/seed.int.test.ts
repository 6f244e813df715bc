/** segflow seed into a real MongoDB-protocol server (FerretDB locally): documents of the store. */
import {
  bucketOf,
  currentRetentionDays,
  loadProfile,
  openStore,
  prepareStore,
  type Store,
} from "@segflow/store";
import { generatePopulation } from "@segflow/synthetic";
import { mongoUrlWithDatabase, uniqueName } from "@segflow/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ExitCode } from "../cli-error.js";
import { runProgram } from "../testing/run-program.js";

const NOW = "2026-12-01T00:00:00Z";
const PROFILES = 600;
let url: string;
let store: Store;

beforeAll(async () => {
  url = mongoUrlWithDatabase(inject("mongoUrl"), uniqueName("cli_seed"));
  store = await openStore(url);
});

afterAll(async () => {
  await store.db.dropDatabase();
  await store.close();
});

const generated = () => [...generatePopulation({ profiles: PROFILES, seed: 9, now: new Date(NOW) })];

describe("segflow seed into MongoDB", () => {
  it("writes every profile and event (MONGO_URL when no --mongo-url), and prints a summary", async () => {
    const args = ["seed", "--profiles", String(PROFILES), "--seed", "9", "--now", NOW, "--batch", "250"];
    const { error, stdout } = await runProgram(args, { mongoUrl: url });
    expect(error).toBeUndefined();
    const population = generated();
    const events = population.reduce((n, p) => n + p.events.length, 0);
    expect(stdout).toMatch(
      new RegExp(`^seeded 600 profiles and ${events.toLocaleString("en-US")} events into `),
    );
    expect(await store.profiles.countDocuments()).toBe(PROFILES);
    expect(await store.events.countDocuments()).toBe(events);
  });

  it("creates the read indexes and leaves the retention to the API", async () => {
    const names = async (collection: typeof store.events | typeof store.profiles) =>
      (await collection.indexes()).map((i) => i.name);
    expect(await names(store.profiles)).toContain("bucket_id");
    expect(await names(store.events)).toEqual(expect.arrayContaining(["bucket_profile_time"]));
    expect(await currentRetentionDays(store)).toBeNull();
  });

  it("stores profiles with their bucket and events in the store's shape", async () => {
    const population = generated();
    // The first and the last profile: both ends of the batches.
    for (const index of [0, PROFILES - 1]) {
      const expected = population[index]!;
      const doc = await store.profiles.findOne({ _id: expected.id });
      expect(doc).toMatchObject({
        _id: expected.id,
        bucket: bucketOf(expected.id),
        attributes: expected.attributes,
      });
      const loaded = await loadProfile(store, expected.id);
      expect(loaded!.profile.events).toEqual(
        expected.events.map((e) => ({ type: e.type, timestamp: e.timestamp, properties: e.properties })),
      );
      const event = await store.events.findOne({ profileId: expected.id });
      expect(event).toMatchObject({ bucket: bucketOf(expected.id), receivedAt: expect.any(Date) });
    }
  });

  it("refuses a database that already holds profiles (exit 2), and --replace starts over", async () => {
    const again = await runProgram([
      "seed",
      "--profiles",
      "10",
      "--seed",
      "1",
      "--now",
      NOW,
      "--mongo-url",
      url,
    ]);
    expect(again.error).toMatchObject({ exitCode: ExitCode.usage });
    expect(again.error!.message).toMatch(/already holds profiles: seeding again would duplicate events/);

    // As an API would have set it: the drop must not lose it.
    await prepareStore(store, { eventRetentionDays: 30 });
    const args = ["seed", "--profiles", "100", "--seed", "1", "--now", NOW, "--mongo-url", url, "--replace"];
    const replaced = await runProgram(args);
    expect(replaced.error).toBeUndefined();
    expect(replaced.stderr).toMatch(/^dropped 600 profiles and \d+ events from /);
    const small = [...generatePopulation({ profiles: 100, seed: 1, now: new Date(NOW) })];
    expect(await store.profiles.countDocuments()).toBe(100);
    expect(await store.events.countDocuments()).toBe(small.reduce((n, p) => n + p.events.length, 0));
    // The indexes are back after the drop, the retention as it was.
    expect((await store.events.indexes()).map((i) => i.name)).toContain("bucket_profile_time");
    expect(await currentRetentionDays(store)).toBe(30);
  });

  // Slow (the store waits 10 s for a server) but it is the message a user sees first.
  it("says in one line when MongoDB cannot be reached (exit 1)", async () => {
    const args = ["seed", "--profiles", "1", "--seed", "1", "--mongo-url", "mongodb://127.0.0.1:9/x"];
    const { error } = await runProgram(args);
    expect(error).toMatchObject({ exitCode: ExitCode.failed });
    expect(error!.message).toMatch(
      /^cannot connect to MongoDB at mongodb:\/\/127\.0\.0\.1:9\/x: .*ECONNREFUSED/,
    );
    expect(error!.message).not.toContain("\n");
  });
});
