import { describe, expect, test } from "vitest";
import { errorRange, offsetOf } from "./positions.js";

describe("offsetOf", () => {
  test("line and column, 1-based", () => {
    const text = 'country = "US"\nand loyalty.points >= and x';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 1, 11)).toBe(10);
    expect(text.slice(offsetOf(text, 2, 23))).toBe("and x");
  });

  test("columns count code points: an emoji is one column, two UTF-16 units", () => {
    const text = 'name = "😀" and x';
    expect(text.slice(offsetOf(text, 1, 12))).toBe("and x");
  });

  test("clamped to the line and to the text", () => {
    expect(offsetOf("ab\ncd", 1, 9)).toBe(2);
    expect(offsetOf("ab", 5, 1)).toBe(2);
  });
});

describe("errorRange", () => {
  test("the token at the position", () => {
    const text = 'loyalty.points >= and country = "US"';
    expect(errorRange(text, 18)).toEqual({ from: 18, to: 21 });
    expect(errorRange(text, 32)).toEqual({ from: 32, to: 36 });
    expect(errorRange(text, 15)).toEqual({ from: 15, to: 17 });
  });

  test("one character for anything else, a point at the end", () => {
    expect(errorRange("a ; b", 2)).toEqual({ from: 2, to: 3 });
    expect(errorRange("abc", 3)).toEqual({ from: 3, to: 3 });
  });
});
