import { Badge } from "@mantine/core";
import type { Run } from "../../api/evaluations.js";

const COLORS: Record<Run["status"], string> = {
  queued: "gray",
  running: "blue",
  completed: "green",
  failed: "red",
};

export function RunStatusBadge({ status, testId }: { status: Run["status"]; testId?: string }) {
  return (
    // max-content: a narrow table column must not cut the status to "comple…".
    <Badge color={COLORS[status]} variant="light" tt="none" miw="max-content" data-testid={testId}>
      {status}
    </Badge>
  );
}
