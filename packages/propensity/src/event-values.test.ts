import { describe, expect, it } from "vitest";
import {
  type EventValue,
  FixedValues,
  forEachCategoricalValue,
  MAX_DISTINCT_PER_PROPERTY,
  ValueVocabulary,
} from "./event-values.js";

function leaves(properties: unknown): [string, string][] {
  const out: [string, string][] = [];
  forEachCategoricalValue(properties, (path, value) => out.push([path, value]));
  return out;
}

/** Interns `count` events of `type`, each with `properties`. */
function feed(vocabulary: ValueVocabulary, type: string, properties: unknown, count: number): void {
  for (let i = 0; i < count; i++) vocabulary.idsOf(type, properties);
}

const loose = { minSupport: 1, perProperty: 100, total: 1000 };
const show = (values: readonly EventValue[]) => values.map((v) => `${v.type}.${v.path}=${v.value}`);

describe("forEachCategoricalValue", () => {
  it("visits strings and yes/no values under dotted paths, nested objects included", () => {
    expect(
      leaves({ topic: "refund", gift: true, express: false, product: { category: "shoes", size: 42 } }),
    ).toEqual([
      ["topic", "refund"],
      ["gift", "true"],
      ["express", "false"],
      ["product.category", "shoes"],
    ]);
  });

  it("gives array elements their array's path: string lists and lists of objects (items[].category)", () => {
    expect(
      leaves({
        tags: ["new", "sale"],
        items: [{ category: "hats" }, { category: "bags", sku: "B-1" }, 7, null, ["nested"]],
      }),
    ).toEqual([
      ["tags", "new"],
      ["tags", "sale"],
      ["items.category", "hats"],
      ["items.category", "bags"],
      ["items.sku", "B-1"],
    ]);
  });

  it("ignores numbers, null and non-objects", () => {
    expect(leaves({ revenue: 12.5, count: 0, none: null, missing: undefined })).toEqual([]);
    for (const p of [null, undefined, "text", 12, true]) expect(leaves(p)).toEqual([]);
  });

  it("reads three levels deep and no deeper", () => {
    expect(leaves({ a: { b: { c: "three" } } })).toEqual([["a.b.c", "three"]]);
    expect(leaves({ a: { b: { c: { d: "four" } } } })).toEqual([]);
    // An array does not add a level: its objects are at their array's depth.
    expect(leaves({ a: { items: [{ c: "three" }] } })).toEqual([["a.items.c", "three"]]);
  });

  it("skips empty strings and strings over 64 characters (free text, not a category)", () => {
    const at64 = "x".repeat(64);
    expect(leaves({ a: "", b: at64, c: `${at64}y` })).toEqual([["b", at64]]);
  });
});

describe("ValueVocabulary", () => {
  it("interns each (type, path, value) once, a same path and value of another type apart", () => {
    const v = new ValueVocabulary();
    expect(v.idsOf("view", { category: "shoes" })).toEqual([0]);
    expect(v.idsOf("view", { category: "hats", channel: "web" })).toEqual([1, 2]);
    expect(v.idsOf("view", { category: "shoes" })).toEqual([0]);
    expect(v.idsOf("cart", { category: "shoes" })).toEqual([3]);
    expect(v.idsOf("view", {})).toEqual([]);
    expect(v.values).toEqual([
      { type: "view", path: "category", value: "shoes" },
      { type: "view", path: "category", value: "hats" },
      { type: "view", path: "channel", value: "web" },
      { type: "cart", path: "category", value: "shoes" },
    ]);
  });

  it("gives a value once per event and counts it once per event", () => {
    const v = new ValueVocabulary();
    const twice = { items: [{ category: "a" }, { category: "a" }, { category: "b" }] };
    expect(v.idsOf("order", twice)).toEqual([0, 1]);
    feed(v, "order", twice, 2); // three events with "a" twice each: support 3, not 6
    const at = (minSupport: number) => show(v.frequentValues({ ...loose, minSupport }));
    expect(at(3)).toEqual(["order.items.category=a", "order.items.category=b"]);
    expect(at(4)).toEqual([]);
  });

  it(`drops a property entirely once it has more than ${MAX_DISTINCT_PER_PROPERTY} distinct values (an identifier)`, () => {
    const v = new ValueVocabulary();
    feed(v, "order", { orderId: "frequent", channel: "web" }, 50);
    feed(v, "order", { channel: "app" }, 50);
    for (let i = 1; i < MAX_DISTINCT_PER_PROPERTY; i++) v.idsOf("order", { orderId: `o-${i}` });
    // At the limit the property is still a category.
    expect(show(v.frequentValues({ ...loose, minSupport: 50 }))).toContain("order.orderId=frequent");
    expect(v.idsOf("order", { orderId: "one too many" })).toEqual([]);
    // Over it, even its frequent value and its known values are gone; other properties stay.
    expect(show(v.frequentValues({ ...loose, minSupport: 50 }))).toEqual([
      "order.channel=web",
      "order.channel=app",
    ]);
    expect(v.idsOf("order", { orderId: "frequent" })).toEqual([]);
    expect(v.values.filter((x) => x.path === "orderId")).toHaveLength(MAX_DISTINCT_PER_PROPERTY);
  });

  it("keeps values with the support asked and at least 1% of their property's events", () => {
    const v = new ValueVocabulary();
    feed(v, "view", { category: "shoes" }, 1000);
    feed(v, "view", { category: "hats" }, 11); // 11 of 1020 events: over 1%
    feed(v, "view", { category: "bags" }, 9); // 9 of 1020: under 1%
    expect(show(v.frequentValues({ ...loose, minSupport: 5 }))).toEqual([
      "view.category=shoes",
      "view.category=hats",
    ]);
    expect(show(v.frequentValues({ ...loose, minSupport: 12 }))).toEqual(["view.category=shoes"]);
  });

  it("leaves out properties with a single value: a constant says nothing", () => {
    const v = new ValueVocabulary();
    feed(v, "view", { currency: "EUR", category: "shoes" }, 30);
    feed(v, "view", { category: "hats" }, 20);
    expect(show(v.frequentValues(loose))).toEqual(["view.category=shoes", "view.category=hats"]);
  });

  it("keeps the most frequent perProperty values of each property and total in all, most frequent first", () => {
    const v = new ValueVocabulary();
    feed(v, "view", { category: "a" }, 40);
    feed(v, "view", { category: "b" }, 30);
    feed(v, "view", { category: "c" }, 20);
    feed(v, "cart", { size: "s" }, 35);
    feed(v, "cart", { size: "m" }, 25);
    feed(v, "cart", { size: "l" }, 15);
    expect(show(v.frequentValues({ minSupport: 1, perProperty: 2, total: 3 }))).toEqual([
      "view.category=a",
      "cart.size=s",
      "view.category=b",
    ]);
    expect(show(v.frequentValues({ minSupport: 1, perProperty: 3, total: 100 }))).toHaveLength(6);
  });

  it("maps each interned id to its slot among the kept values, -1 for the others", () => {
    const v = new ValueVocabulary();
    v.idsOf("view", { category: "a" }); // 0
    v.idsOf("view", { category: "b" }); // 1
    v.idsOf("cart", { category: "a" }); // 2
    const kept: EventValue[] = [
      { type: "cart", path: "category", value: "a" },
      { type: "view", path: "category", value: "a" },
      { type: "view", path: "category", value: "never seen" },
    ];
    expect([...v.slotsFor(kept)]).toEqual([1, -1, 0]);
    expect([...v.slotsFor([])]).toEqual([-1, -1, -1]);
  });
});

describe("FixedValues", () => {
  const fixed = new FixedValues([
    { type: "view", path: "category", value: "shoes" },
    { type: "view", path: "items.category", value: "hats" },
    { type: "cart", path: "gift", value: "true" },
  ]);

  it("gives the slots of the values it knows, once per event, and interns nothing", () => {
    expect(
      fixed.idsOf("view", { category: "shoes", items: [{ category: "hats" }, { category: "hats" }] }),
    ).toEqual([0, 1]);
    expect(fixed.idsOf("cart", { gift: true, category: "shoes" })).toEqual([2]);
    expect(fixed.idsOf("view", { category: "bags" })).toEqual([]);
    expect(fixed.idsOf("other", { category: "shoes" })).toEqual([]);
  });

  it("agrees with a vocabulary's slots for the same kept values", () => {
    const v = new ValueVocabulary();
    const events: [string, unknown][] = [
      ["view", { category: "bags", items: [{ category: "hats" }] }],
      ["cart", { gift: false }],
      ["view", { category: "shoes" }],
      ["cart", { gift: true, note: "x" }],
    ];
    const ids = events.map(([type, p]) => v.idsOf(type, p));
    const kept: EventValue[] = [
      { type: "view", path: "category", value: "shoes" },
      { type: "view", path: "items.category", value: "hats" },
      { type: "cart", path: "gift", value: "true" },
    ];
    const slots = v.slotsFor(kept);
    const viaVocabulary = ids.map((list) => list.map((id) => slots[id]!).filter((s) => s >= 0));
    expect(viaVocabulary).toEqual(events.map(([type, p]) => fixed.idsOf(type, p)));
    expect(viaVocabulary.flat()).toHaveLength(3);
  });

  it("gives nothing when it knows no value", () => {
    expect(new FixedValues([]).idsOf("view", { category: "shoes" })).toEqual([]);
  });
});
