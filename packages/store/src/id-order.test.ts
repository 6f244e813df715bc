import { expect, test } from "vitest";
import { idOrder, inIdOrder } from "./id-order.js";

test("positions and items in ascending id order, whatever order they came in", () => {
  const items = [{ id: "p-3" }, { id: "p-10" }, { id: "p-1" }, { id: "a" }];
  expect(idOrder(items, (i) => i.id)).toEqual([3, 2, 1, 0]);
  expect(inIdOrder(items, (i) => i.id).map((i) => i.id)).toEqual(["a", "p-1", "p-10", "p-3"]);
});
