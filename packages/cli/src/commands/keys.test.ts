/**
 * `segflow keys`: the entries it prints are what the API accepts, and carry the key's hash only.
 * (Seen to fail with `create` printing the key itself as the entry: the config refuses it.)
 */
import { hashApiKey, loadConfig } from "@segflow/config";
import { describe, expect, it } from "vitest";
import { createProgram } from "../program.js";
import { memoryIo } from "../testing/memory-io.js";

async function run(args: string[], stdin = "") {
  const { io, stdout, stderr } = memoryIo(stdin);
  const error = await createProgram(io, {} as never)
    .parseAsync(args, { from: "user" })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error, stdout: stdout(), stderr: stderr() };
}

describe("segflow keys", () => {
  it("create prints a new key and its entry, which API_KEYS accepts with those scopes", async () => {
    const a = await run(["keys", "create", "--scopes", "read,write", "--name", "ingest", "--json"]);
    const b = await run(["keys", "create", "--scopes", "admin", "--json"]);
    expect(a.error).toBeUndefined();
    const { key, entry } = JSON.parse(a.stdout) as { key: string; entry: string };
    expect(key).toMatch(/^sf_[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(b.stdout).key).not.toBe(key);
    expect(entry).toBe(`ingest:${hashApiKey(key)}:read+write`);
    expect(entry).not.toContain(key);
    expect(loadConfig({ API_KEYS: `${entry},${JSON.parse(b.stdout).entry}` }).API_KEYS[0]).toEqual({
      name: "ingest",
      sha256: hashApiKey(key),
      scopes: ["read", "write"],
    });
    const text = await run(["keys", "create", "--scopes", "read"]);
    expect(text.stdout).toMatch(/^key: {3}sf_\S+\nentry: [0-9a-f]{64}:read\n/);
  });

  it("hash prints the entry of a given key, from the argument or stdin", async () => {
    const arg = await run(["keys", "hash", "my-key", "--scopes", "read+admin"]);
    expect(arg.stdout).toBe(`entry: ${hashApiKey("my-key")}:read+admin\n`);
    const stdin = await run(["keys", "hash", "-", "--scopes", "write", "--json"], "my-key\n");
    expect(JSON.parse(stdin.stdout)).toEqual({ entry: `${hashApiKey("my-key")}:write` });
  });

  it("an unknown scope is named; scopes are required", async () => {
    const bad = await run(["keys", "create", "--scopes", "read,root"]);
    expect(bad.stderr).toMatch(/unknown scope root \(scopes: read, write, admin\)/);
    const none = await run(["keys", "create"]);
    expect(none.stderr).toMatch(/required option '--scopes <scopes>'/);
  });
});
