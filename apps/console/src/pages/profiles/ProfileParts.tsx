/**
 * The parts of a profile page: its scores with their factors, its segment memberships, and the
 * timeline of its latest events.
 */
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { Profile } from "../../api/profiles.js";
import { formatInstant } from "../../format.js";
import { effectLabel, featureLabel } from "../models/insights.js";
import { MembershipBadge } from "./MembershipBadge.js";
import { ValueTree } from "./ValueTree.js";
import { formatNumber, inlineValue, readScores } from "./values.js";

const BAND_COLORS: Record<string, string> = { high: "red", medium: "yellow", low: "teal" };

export function ProfileScores({ scores }: { scores: Profile["scores"] }) {
  const entries = readScores(scores);
  if (entries.length === 0)
    return <Text c="dimmed">No propensity score: no model has scored this profile.</Text>;
  return (
    <Stack gap="sm" data-testid="profile-scores">
      {entries.map(({ model, score, raw }) => (
        <Card withBorder key={model} padding="sm" data-testid={`profile-score-${model}`}>
          <Group justify="space-between" mb="xs">
            <Anchor component={Link} to={`/models/${encodeURIComponent(model)}`} fw={700}>
              {model}
            </Anchor>
            {score && (
              <Badge color={BAND_COLORS[score.bucket] ?? "gray"} variant="light">
                {score.bucket} band
              </Badge>
            )}
          </Group>
          {score ? (
            <Stack gap={6}>
              <Text>
                Score <b>{score.score}</b> / 100 · percentile {score.percentile} · probability{" "}
                {(score.probability * 100).toFixed(1)}%
              </Text>
              <Text size="xs" c="dimmed">
                {score.modelVersion !== undefined && `version v${score.modelVersion}`}
                {score.scoredAt && `, scored ${formatInstant(score.scoredAt)}`}
              </Text>
              {score.factors.length > 0 && (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Factor</Table.Th>
                      <Table.Th>Its value</Table.Th>
                      <Table.Th>Effect (log-odds)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {score.factors.map((f) => (
                      <Table.Tr key={f.feature}>
                        <Table.Td ff="monospace">{featureLabel(f.feature)}</Table.Td>
                        <Table.Td>{f.value === null ? "missing" : formatNumber(f.value)}</Table.Td>
                        <Table.Td c={effectLabel(f.impact).color} style={{ whiteSpace: "nowrap" }}>
                          {effectLabel(f.impact).text}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          ) : (
            <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
              {inlineValue(raw)}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}

export function ProfileMemberships({
  memberships,
  onExplain,
}: {
  memberships: Profile["segmentMembership"];
  onExplain: (segmentId: string) => void;
}) {
  const rows = Object.entries(memberships).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Stack gap="xs" data-testid="profile-memberships">
      <Text size="sm" c="dimmed">
        Each segment's current status, the last time the profile qualified and the run that wrote the status;
        below, every time it entered or left a segment.
      </Text>
      {rows.length === 0 ? (
        <Text>No membership: no run has placed this profile in a segment.</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Segment</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last qualification</Table.Th>
                <Table.Th>Run</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([segmentId, m]) => (
                <Table.Tr key={segmentId} data-testid={`profile-membership-${segmentId}`}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => onExplain(segmentId)}
                      title="Explain"
                    >
                      {segmentId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <MembershipBadge status={m.status} />
                  </Table.Td>
                  <Table.Td>{formatInstant(m.lastQualificationTime)}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/runs/${encodeURIComponent(m.runId)}`}
                      ff="monospace"
                      size="sm"
                    >
                      {m.runId}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Events drawn at first: the rest of the 200 on request, so that a long history does not bury the page. */
const EVENTS_SHOWN = 50;

export function ProfileEvents({ events, limit }: { events: NonNullable<Profile["events"]>; limit: number }) {
  const [all, setAll] = useState(false);
  const shown = all ? events : events.slice(0, EVENTS_SHOWN);
  return (
    <Stack gap={0} data-testid="profile-events">
      <Text size="sm" c="dimmed" mb="xs">
        {events.length === 0
          ? "No event."
          : `${events.length === limit ? `The latest ${limit}` : `All ${events.length}`} events, newest first.`}
      </Text>
      <ol className="event-list" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {shown.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id and two may share a type and an instant; the list is drawn whole
          <li key={`${e.timestamp}:${e.type}:${i}`} className="event-row">
            <Text size="sm" c="dimmed">
              <time dateTime={e.timestamp}>{formatInstant(e.timestamp)}</time>
            </Text>
            <Stack gap={2}>
              <Text fw={600} size="sm">
                {e.type}
              </Text>
              {Object.keys(e.properties).length > 0 && <ValueTree value={e.properties} />}
            </Stack>
          </li>
        ))}
      </ol>
      {shown.length < events.length && (
        <Button variant="subtle" mt="xs" onClick={() => setAll(true)} data-testid="profile-events-more">
          Show the other {events.length - shown.length} events
        </Button>
      )}
    </Stack>
  );
}
