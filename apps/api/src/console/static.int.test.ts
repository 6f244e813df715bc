/**
 * The console at `/console/`: its files answer without a key (its data calls carry one), page URLs
 * answer index.html, missing files are 404s, and an unbuilt console says how to build it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness.js";

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/console/assets/app-1a2b.js"></script></body></html>';

let dir: string;
let api: TestApi;
let unbuilt: TestApi;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "segflow-console-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), INDEX);
  writeFileSync(path.join(dir, "assets", "app-1a2b.js"), "console.log('segflow')\n");
  api = await startTestApi("api_console", { consoleDir: dir });
  unbuilt = await startTestApi("api_console_unbuilt", { consoleDir: path.join(dir, "missing") });
});
afterAll(async () => {
  await api?.close();
  await unbuilt?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the built console", () => {
  test.each(["/console/", "/console/segments", "/console/segments/lapsed", "/console/runs/r-1?x=1"])(
    "%s answers index.html without a key",
    async (url) => {
      const r = await api.request("GET", url, { key: null });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/text\/html/);
      expect(r.headers.get("cache-control")).toBe("no-cache");
      expect(r.text).toBe(INDEX);
    },
  );

  test("/console redirects to /console/", async () => {
    const r = await fetch(`${api.url}/console`, { redirect: "manual" });
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/console/");
  });

  test("assets are served and cached for good; a missing file is a 404", async () => {
    const asset = await api.request("GET", "/console/assets/app-1a2b.js", { key: null });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    const missing = await api.request("GET", "/console/assets/gone-9z.js", { key: null });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("no console file at /console/assets/gone-9z.js");
  });

  test("the data the page reads still needs the key", async () => {
    expect((await api.request("GET", "/v1/segments", { key: null })).status).toBe(401);
    expect((await api.request("GET", "/v1/segments")).status).toBe(200);
  });
});

test("an unbuilt console says how to build it", async () => {
  const r = await unbuilt.request("GET", "/console/segments", { key: null });
  expect(r.status).toBe(404);
  expect(r.headers.get("content-type")).toMatch(/text\/plain/);
  expect(r.text).toContain("console was not built");
  expect(r.text).toContain("npm run build");
});
