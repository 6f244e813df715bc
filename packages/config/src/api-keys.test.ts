/**
 * `API_KEYS` holds hashes with scopes, never keys. Checked to fail without its protection: with
 * the SHA-256 check of parseEntry removed, "a plaintext key is refused" fails (the key is
 * accepted as a hash); with the scope check removed, "a bad scope is named" fails.
 */
import { describe, expect, it } from "vitest";
import { apiKeyEntry, ConfigError, hashApiKey, loadConfig } from "./index.js";

const H1 = hashApiKey("key-one");
const H2 = hashApiKey("key-two");

function configError(API_KEYS: string): string {
  try {
    loadConfig({ API_KEYS });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return String(error);
  }
  throw new Error(`API_KEYS=${API_KEYS} was accepted`);
}

describe("API_KEYS", () => {
  it("parses hash entries, with or without a name", () => {
    const c = loadConfig({ API_KEYS: ` ci:${H1}:read+write , ${H2.toUpperCase()}:admin ,` });
    expect(c.API_KEYS).toEqual([
      { name: "ci", sha256: H1, scopes: ["read", "write"] },
      { name: "key-2", sha256: H2, scopes: ["admin"] },
    ]);
  });

  it("is what apiKeyEntry writes", () => {
    expect(apiKeyEntry("key-one", ["read", "admin"], "ops")).toBe(`ops:${H1}:read+admin`);
    expect(loadConfig({ API_KEYS: apiKeyEntry("key-one", ["write"]) }).API_KEYS).toEqual([
      { name: "key-1", sha256: H1, scopes: ["write"] },
    ]);
  });

  it("the hash is SHA-256 in hex", () => {
    // echo -n abc | sha256sum
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("a plaintext key is refused, saying how to hash it and not repeating the key", () => {
    for (const plain of ["my-secret-key", `ops:my-secret-key:read`, "my-secret-key:read+write"]) {
      const message = configError(plain);
      expect(message, plain).toMatch(/API_KEYS: entry 1: not/);
      expect(message, plain).toContain("npx segflow keys hash <key> --scopes");
      expect(message, plain).toContain("npx segflow keys create");
      expect(message, plain).not.toContain("my-secret-key");
    }
  });

  it("a bad scope is named; missing scopes are refused", () => {
    expect(configError(`${H1}:read+root`)).toMatch(
      /entry 1: unknown scope "root" \(scopes: read, write, admin\)/,
    );
    expect(configError(`${H1}:read,${H2}`)).toMatch(/entry 2: not a key hash with scopes/);
    expect(configError(`${H1}:`)).toMatch(/entry 1: no scopes/);
  });

  it("a key given twice is refused", () => {
    expect(configError(`a:${H1}:read,b:${H1}:admin`)).toMatch(/entry 2: the same key as entry 1/);
  });
});
