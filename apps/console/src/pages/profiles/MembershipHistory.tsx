/**
 * A profile's membership history (`GET /v1/profiles/:id/memberships`): per segment, a compact
 * timeline of the times it entered (realized) or left (exited), newest first, each with its run.
 * Lines wrap instead of widening the page, so it reads at phone width.
 */
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { HISTORY_CHANGES, profilesApi } from "../../api/profiles.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { formatInstant } from "../../format.js";
import { bySegment } from "./history.js";
import { MembershipBadge } from "./MembershipBadge.js";

export function MembershipHistory({ profileId }: { profileId: string }) {
  const history = useApi(() => profilesApi.memberships(profileId), [profileId]);
  const changes = history.data?.profileId === profileId ? history.data.changes : undefined;
  return (
    <Stack gap="xs" mt="md" data-testid="profile-membership-history">
      <Title order={3} size="h5">
        History
      </Title>
      <ApiErrorAlert error={history.error} title="Could not load the membership history" />
      {!changes && history.loading && <Text size="sm">Loading…</Text>}
      {changes && (
        <Text size="sm" c="dimmed">
          {changes.length === 0
            ? "No change recorded: no run has moved this profile into or out of a segment."
            : `${changes.length === HISTORY_CHANGES ? `The latest ${HISTORY_CHANGES}` : "Every"} change, newest first.`}
        </Text>
      )}
      {changes &&
        bySegment(changes).map(([segmentId, segmentChanges]) => (
          <div key={segmentId} data-testid={`profile-membership-history-${segmentId}`}>
            <Text fw={600} size="sm" className="membership-history-segment">
              {segmentId}
            </Text>
            <ol className="membership-history">
              {segmentChanges.map((c) => (
                <li key={`${c.runId}:${c.status}`} className="membership-change">
                  <MembershipBadge status={c.status} />
                  <Text size="sm" c="dimmed" component="span">
                    <time dateTime={c.at}>{formatInstant(c.at)}</time>
                  </Text>
                  <Anchor
                    component={Link}
                    to={`/runs/${encodeURIComponent(c.runId)}`}
                    ff="monospace"
                    size="sm"
                    className="membership-change-run"
                  >
                    {c.runId}
                  </Anchor>
                </li>
              ))}
            </ol>
          </div>
        ))}
    </Stack>
  );
}
