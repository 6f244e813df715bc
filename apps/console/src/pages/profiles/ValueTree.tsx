/** Nested values (attributes, event properties) as indented rows: a group line, then its fields. */
import { Text } from "@mantine/core";
import "./profiles.css";
import { type ValueRow, valueRows } from "./values.js";

const KIND_COLORS: Record<ValueRow["kind"], string | undefined> = {
  string: "teal.9",
  number: "indigo.8",
  boolean: "grape.8",
  null: "dimmed",
  group: "dimmed",
};

export function ValueTree({ value, testId }: { value: Record<string, unknown>; testId?: string }) {
  const rows = valueRows(value);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        none
      </Text>
    );
  }
  return (
    <dl className="value-tree" data-testid={testId}>
      {rows.map((r) => (
        <div key={r.path} className="value-tree-row" style={{ paddingLeft: `${r.depth * 1.25}rem` }}>
          <dt>{r.key}</dt>
          <dd>
            <Text span size="sm" c={KIND_COLORS[r.kind]} fs={r.kind === "group" ? "italic" : undefined}>
              {r.text ?? r.summary}
            </Text>
          </dd>
        </div>
      ))}
    </dl>
  );
}
