/**
 * A refused `POST /v1/models` → the message under each field of the form. The API answers 400
 * with `invalid_request` (`details.issues[]`: the field's path and message) or
 * `invalid_definition` (`details.errors[]`: the goal's or eligible's language errors, positioned in
 * the user's text: field, line, column, reason). Anything else is shown whole (`other`).
 */
import { ApiError } from "../../api/client.js";

/** A language error of the goal, in the segment editor's shape: the text it was found in, its position. */
export interface GoalError {
  text: string;
  line: number;
  column: number;
  message: string;
}

export interface FieldErrors {
  name?: string;
  id?: string;
  windowDays?: string;
  attributes?: string;
  goal: GoalError[];
  /** An error no field shows: the page shows it whole. */
  other: boolean;
}

const FIELDS = ["name", "id", "windowDays", "attributes"] as const;
type Field = (typeof FIELDS)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `goal`: the goal that was sent, which the goal's errors are positioned in. */
export function fieldErrors(error: unknown, goal: string): FieldErrors {
  const out: FieldErrors = { goal: [], other: false };
  if (!error) return out;
  if (!(error instanceof ApiError) || error.status !== 400 || !isRecord(error.details)) {
    out.other = !(error instanceof ApiError && error.status === 409);
    return out;
  }
  let placed = 0;
  for (const e of list(error.details.errors)) {
    if (!isRecord(e) || typeof e.line !== "number" || typeof e.column !== "number") continue;
    // The form has no eligible expression: an error there cannot come from it, but is shown whole.
    if (e.field !== "goal") continue;
    out.goal.push({
      text: goal,
      line: e.line,
      column: e.column,
      message: String(e.reason ?? e.message ?? ""),
    });
    placed++;
  }
  for (const issue of list(error.details.issues)) {
    if (!isRecord(issue) || typeof issue.path !== "string") continue;
    const field = issue.path.split(".")[0];
    if (field === "goal") {
      out.goal.push({ text: goal, line: 1, column: 1, message: String(issue.message) });
      placed++;
    } else if (FIELDS.includes(field as Field)) {
      out[field as Field] ??= String(issue.message);
      placed++;
    }
  }
  out.other = placed === 0;
  return out;
}
