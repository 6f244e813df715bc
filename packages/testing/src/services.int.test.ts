import { Redis } from "ioredis";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mongoUrlWithDatabase, uniqueName } from "./isolation.js";
import { ensureServices, type Services } from "./services.js";

// The first call may install Debian packages and build FerretDB and DocumentDB (minutes, once per machine).
const FIRST_CALL_MS = 15 * 60_000;

describe("ensureServices", () => {
  let services: Services;

  beforeAll(async () => {
    services = await ensureServices({ log: () => undefined });
  }, FIRST_CALL_MS);

  it("reuses the running servers on a second call, quickly", async () => {
    const started = Date.now();
    const again = await ensureServices({ log: () => undefined });
    expect(again).toEqual(services);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives test files the same URLs through the vitest global setup", () => {
    expect(inject("redisUrl")).toBe(services.redisUrl);
    expect(inject("mongoUrl")).toBe(services.mongoUrl);
  });

  it("hands out a MongoDB URL that names the segflow database, unless MONGO_URL is set", () => {
    if (services.mongoKind !== "external") {
      expect(services.mongoUrl).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/segflow$/);
    }
  });

  it("gives a Redis that answers PING", async () => {
    const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe("PONG");
    } finally {
      redis.disconnect();
    }
  });

  describe("gives a MongoDB", () => {
    const dbName = uniqueName("testing");
    let client: MongoClient;

    beforeAll(async () => {
      client = new MongoClient(mongoUrlWithDatabase(services.mongoUrl, dbName));
      await client.connect();
    });

    afterAll(async () => {
      await client?.db().dropDatabase();
      await client?.close();
    });

    it("that answers ping", async () => {
      expect(await client.db().command({ ping: 1 })).toMatchObject({ ok: 1 });
    });

    it("that stores and finds a document in the database its URL names", async () => {
      const db = client.db();
      expect(db.databaseName).toBe(dbName);
      const things = db.collection<{ _id: string; n: number }>("things");
      await things.insertOne({ _id: "a", n: 1 });
      expect(await things.findOne({ n: 1 })).toEqual({ _id: "a", n: 1 });
      const names = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
      expect(names).toContain(dbName);
    });

    it("that stores nested arrays and round-trips them unchanged", async () => {
      const things = client.db().collection<{ _id: string; tags: unknown[] }>("nested");
      const tags = ["runner", 5, null, "Vip", ["vip", ["deeper"]], [], { a: [1, [2]] }];
      await things.insertOne({ _id: "n", tags });
      expect(await things.findOne({ _id: "n" })).toEqual({ _id: "n", tags });
    });

    it("that finds a document by _id through the _id index", async () => {
      const things = client.db().collection<{ _id: string }>("by_id");
      await things.insertMany([{ _id: "a" }, { _id: "b" }]);
      const plan = JSON.stringify((await things.find({ _id: "b" }).explain()).queryPlanner);
      // MongoDB: IDHACK / EXPRESS_IXSCAN; FerretDB + DocumentDB: PostgreSQL's plan naming the index.
      expect(plan).toMatch(/IDHACK|IXSCAN|EXPRESS|"Index Name":"_id_"/);
    });
  });
});
