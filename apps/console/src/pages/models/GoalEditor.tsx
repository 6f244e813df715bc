/**
 * The model's goal in the segment editor (the one the Segments pages use): an event filter in the
 * segment language (`type = "purchase"`). The API checks the goal when the model is created; its
 * errors are underlined at their line and column, and listed under the editor, while the text is
 * the one they were found in.
 */
import { Input } from "@mantine/core";
import { useId } from "react";
import type { Fields } from "../../editor/completion.js";
import { type EditorError, SegmentEditor } from "../../editor/SegmentEditor.js";

export function GoalEditor(props: {
  value: string;
  onChange: (goal: string) => void;
  errors: EditorError[];
  fields?: Fields | undefined;
}) {
  const errorId = useId();
  const shown = props.errors.filter((e) => e.text === props.value);
  const message = shown.map((e) => `${e.line}:${e.column}: ${e.message}`).join("\n");
  return (
    <Input.Wrapper
      label="Goal"
      description='An event filter in the segment language, e.g. type = "purchase": the fields of one event (type, timestamp, its properties)'
      error={
        message ? (
          <span id={errorId} data-testid="model-goal-error">
            {message}
          </span>
        ) : undefined
      }
    >
      <SegmentEditor
        value={props.value}
        onChange={props.onChange}
        errors={shown}
        fields={props.fields}
        label="Goal"
        describedBy={message ? errorId : undefined}
        testId="model-goal"
        minHeight={48}
      />
    </Input.Wrapper>
  );
}
