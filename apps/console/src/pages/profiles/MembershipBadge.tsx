/** A membership status as a badge, its meaning on hover (the profile's memberships and history). */
import { Badge } from "@mantine/core";
import type { MembershipStatus } from "@segflow/api-contract";

const COLORS: Record<MembershipStatus, string> = { realized: "green", existing: "blue", exited: "gray" };
const MEANING: Record<MembershipStatus, string> = {
  realized: "entered in that run",
  existing: "still in",
  exited: "left in that run",
};

export function MembershipBadge({ status }: { status: MembershipStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" title={MEANING[status]} miw="max-content">
      {status}
    </Badge>
  );
}
