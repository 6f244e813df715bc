/**
 * The model's goal: an event filter in the segment language (`type = "purchase"`), with the
 * API's errors for it listed under it at their line and column.
 */
import { Input, Textarea } from "@mantine/core";
import type { GoalError } from "./model-errors.js";

export function GoalEditor(props: { value: string; onChange: (goal: string) => void; errors: GoalError[] }) {
  const message = props.errors.map((e) => `${e.line}:${e.column}: ${e.reason}`).join("\n");
  return (
    <Input.Wrapper
      label="Goal"
      description='An event filter in the segment language, e.g. type = "purchase" (fields of one event: type, timestamp, properties)'
      error={message || undefined}
      data-testid="model-goal"
    >
      <Textarea
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        autosize
        minRows={2}
        ff="monospace"
        spellCheck={false}
      />
    </Input.Wrapper>
  );
}
