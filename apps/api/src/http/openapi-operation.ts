/**
 * One operation of the OpenAPI document, written compactly (summary, tag, body and response
 * schema ids) and expanded by {@link operation}: every error answer is the Error schema, every
 * guarded operation may answer 401.
 */

export interface Operation {
  summary: string;
  tag: string;
  description?: string;
  body?: string;
  /** The body may be left out (it is then `{}`). */
  optionalBody?: boolean;
  /** Status → [description, response schema id]; error statuses default to the Error schema. */
  responses: Record<number, string | [string, string]>;
  parameters?: unknown[];
  open?: boolean;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ "application/json": { schema: ref(id) } });

export const pathId = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description,
});

export function operation(op: Operation) {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const [description, schema] =
      typeof spec === "string" ? [spec, Number(status) >= 400 ? "Error" : undefined] : spec;
    responses[status] = schema ? { description, content: json(schema) } : { description };
  }
  if (!op.open) responses["401"] = { description: "missing or wrong API key", content: json("Error") };
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: !op.optionalBody, content: json(op.body) } } : {}),
    responses,
    ...(op.open ? { security: [] } : {}),
  };
}
