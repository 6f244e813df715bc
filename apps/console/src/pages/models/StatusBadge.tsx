/** A model's status as a coloured badge; the busy ones (training, scoring) with a spinner. */

import { Badge, Loader } from "@mantine/core";
import type { ModelStatus } from "@segflow/api-contract";
import { BUSY_STATUSES, STATUS_COLORS } from "./insights.js";

export function StatusBadge({ status, testId }: { status: ModelStatus; testId?: string }) {
  const busy = BUSY_STATUSES.includes(status);
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      leftSection={busy ? <Loader size={10} color={STATUS_COLORS[status]} /> : undefined}
      data-testid={testId}
      miw="max-content"
    >
      {status}
    </Badge>
  );
}
