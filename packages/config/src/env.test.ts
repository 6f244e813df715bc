import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      QUEUE_PREFIX: "segflow",
      WORKER_CONCURRENCY: 2,
      API_KEYS: [],
    });
  });

  it("coerces numbers", () => {
    const c = loadConfig({ PORT: "8080", SHARD_COUNT: "4" });
    expect(c.PORT).toBe(8080);
    expect(c.SHARD_COUNT).toBe(4);
  });

  it("names every bad variable", () => {
    expect(() => loadConfig({ PORT: "x", REDIS_URL: "http://nope" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "x", REDIS_URL: "http://nope" });
    } catch (e) {
      expect(String(e)).toContain("PORT");
      expect(String(e)).toContain("REDIS_URL");
    }
  });
});
