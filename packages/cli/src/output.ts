/** Printing results: pretty JSON for machines, aligned tables for people. */
import type { Writable } from "node:stream";

export function printJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export interface Column {
  header: string;
  /** Numbers read best right-aligned. @defaultValue "left" */
  align?: "left" | "right";
}

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? "";
        return c.align === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join("\n");
}

/** 20000 → "20,000", whatever the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Seconds with one decimal: "12.3 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
