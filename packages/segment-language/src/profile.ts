/**
 * A profile as the evaluator sees it (docs/segment-language.md, "What a path reads", "Events").
 * Storage may differ; the store maps its documents to this shape. Values are JSON, plus
 * `Date` for BSON dates read from MongoDB (they are instants).
 */
export interface Profile {
  id: string;
  attributes?: Record<string, unknown> | null;
  events?: ProfileEvent[] | null;
  scores?: Record<string, unknown> | null;
}

/** An event; anything may be malformed: a bad `timestamp` hides the event, a bad `type` is missing. */
export interface ProfileEvent {
  type?: unknown;
  timestamp?: unknown;
  properties?: unknown;
}
