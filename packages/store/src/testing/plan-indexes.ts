/**
 * The names of the indexes a query plan reads, from either shape of `explain` output: MongoDB's
 * (stages such as IXSCAN carry `indexName`) and DocumentDB's, which FerretDB 2 returns as
 * PostgreSQL's plan tree (`Index Scan`, `Bitmap Index Scan` and kin carry `Index Name`). Tests
 * use it to prove a read walks an index on whichever server they run against.
 */
import type { Document } from "mongodb";

const INDEX_NAME_KEYS = new Set(["indexName", "Index Name"]);
/** MongoDB lists the plans it considered and did not run: their indexes are not read. */
const NOT_RUN = "rejectedPlans";

export function indexesInPlan(explain: Document): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (INDEX_NAME_KEYS.has(key) && typeof value === "string") names.add(value);
        else if (key !== NOT_RUN) visit(value);
      }
    }
  };
  visit(explain);
  return [...names].sort();
}
