/**
 * An explain node (`GET /v1/profiles/:id/explain`, the segment language's explain tree) → what a
 * person reads on one line: did the condition hold (✓/✗), what value was seen or that it was
 * missing, and inside an event filter on how many of the profile's events it held
 * (packages/segment-language, compiler/explain.ts, says which node carries which).
 */
import type { ExplainNode } from "@segflow/api-contract";
import { inlineValue } from "./values.js";

export interface NodeLine {
  /** ✓ held, ✗ did not; null for a value or a condition inside an event filter. */
  mark: "✓" | "✗" | null;
  /** "value 42", "missing", "held on 3 events": empty when the node says nothing more. */
  notes: string[];
}

export function nodeLine(node: ExplainNode): NodeLine {
  const mark = node.holds === undefined ? null : node.holds ? "✓" : "✗";
  const notes: string[] = [];
  if (node.missing) notes.push("missing");
  else if (node.value !== undefined) {
    // A literal's value is its own text: said once.
    const shown = inlineValue(node.value);
    if (shown !== node.expression) notes.push(`value ${shown}`);
  }
  if (node.matchingEvents !== undefined) {
    notes.push(`held on ${node.matchingEvents} event${node.matchingEvents === 1 ? "" : "s"}`);
  }
  return { mark, notes };
}

/** How many nodes the tree has: a deep tree starts with its lower levels folded. */
export function countNodes(node: ExplainNode): number {
  return 1 + node.children.reduce((n, c) => n + countNodes(c), 0);
}
