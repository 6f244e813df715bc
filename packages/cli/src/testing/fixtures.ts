import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** 2026-12-01T00:00:00Z, the instant the fixtures below are written for. */
export const NOW = "2026-12-01T00:00:00Z";

/** Three segments; `gold-us` reads `us` through inSegment, so order of output ≠ order of evaluation. */
export const SEGMENTS = [
  { id: "gold-us", definition: 'inSegment("us") and loyalty.tier = "gold"' },
  { id: "us", definition: 'country = "US"' },
  {
    id: "recent-buyer",
    definition: 'exists(events where type = "purchase" and timestamp within last 30 days)',
  },
];

export const PROFILES = [
  { id: "p-001", attributes: { country: "US", loyalty: { tier: "gold" } } },
  {
    id: "p-002",
    attributes: { country: "FR" },
    events: [{ type: "purchase", timestamp: "2026-11-20T10:00:00Z", properties: { revenue: 20 } }],
  },
  { id: "p-003", attributes: { country: "US" }, events: [{ type: "purchase", timestamp: "2026-01-01" }] },
  { id: "p-004" },
];

/** What `segflow evaluate` prints for SEGMENTS × PROFILES at NOW. */
export const EXPECTED_OUTPUT = [
  '{"id":"p-001","segments":["gold-us","us"]}',
  '{"id":"p-002","segments":["recent-buyer"]}',
  '{"id":"p-003","segments":["us"]}',
  '{"id":"p-004","segments":[]}',
];

export function toJsonl(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v) + "\n").join("");
}

/** A fresh temporary folder; `files` maps names to contents. */
export async function tempFiles(
  files: Record<string, string>,
): Promise<{ dir: string; path: (name: string) => string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "segflow-cli-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
