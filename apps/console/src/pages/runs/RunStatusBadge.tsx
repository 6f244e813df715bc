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
    <Badge color={COLORS[status]} variant="light" tt="none" data-testid={testId}>
      {status}
    </Badge>
  );
}
