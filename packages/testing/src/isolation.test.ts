import { describe, expect, it } from "vitest";
import { mongoUrlWithDatabase, uniqueName } from "./isolation.js";

describe("mongoUrlWithDatabase", () => {
  it.each([
    ["mongodb://127.0.0.1:27027/segflow", "mongodb://127.0.0.1:27027/t_x"],
    ["mongodb://127.0.0.1:27027", "mongodb://127.0.0.1:27027/t_x"],
    ["mongodb://127.0.0.1:27027/", "mongodb://127.0.0.1:27027/t_x"],
    ["mongodb://127.0.0.1:27027/segflow?w=majority", "mongodb://127.0.0.1:27027/t_x?w=majority"],
    [
      "mongodb://127.0.0.1:27027?directConnection=true",
      "mongodb://127.0.0.1:27027/t_x?directConnection=true",
    ],
    [
      "mongodb://u:p%2Fq@h1:1,h2:2/db?replicaSet=rs&authSource=admin",
      "mongodb://u:p%2Fq@h1:1,h2:2/t_x?replicaSet=rs&authSource=admin",
    ],
    [
      "mongodb+srv://u:p@cluster.example.net/db?retryWrites=true",
      "mongodb+srv://u:p@cluster.example.net/t_x?retryWrites=true",
    ],
  ])("%s → %s", (input, expected) => {
    expect(mongoUrlWithDatabase(input, "t_x")).toBe(expected);
  });

  it.each([["postgres://h/db"], ["127.0.0.1:27027/db"]])(
    "rejects %s, which is not a MongoDB URL",
    (input) => {
      expect(() => mongoUrlWithDatabase(input, "t_x")).toThrow(/not a MongoDB URL/);
    },
  );

  it.each([[""], ["a.b"], ["a/b"], ["a b"], ["a$b"]])("rejects the database name %j", (name) => {
    expect(() => mongoUrlWithDatabase("mongodb://h/db", name)).toThrow(/invalid MongoDB database name/);
  });
});

describe("uniqueName", () => {
  it("is t_<prefix>_<random>", () => {
    expect(uniqueName("store")).toMatch(/^t_store_[0-9a-f]{12}$/);
  });

  it("differs on every call", () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName("x")));
    expect(names.size).toBe(1000);
  });

  it("keeps only characters that are safe in database names and queue prefixes", () => {
    expect(uniqueName("a-b.c:d/e f")).toMatch(/^t_a_b_c_d_e_f_[0-9a-f]{12}$/);
  });

  it("fits in a MongoDB database name (64 bytes) whatever the prefix", () => {
    expect(uniqueName("p".repeat(200)).length).toBeLessThan(64);
  });
});
