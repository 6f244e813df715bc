/**
 * `/console/runs/:id`: one run, polled every second while it is queued or running: its status,
 * shard and profile progress (profiles done, rate, ETA, from `GET /v1/evaluations/:id`), the
 * counts per segment (realized / existing / exited, final once completed, else the finished
 * shards so far), and its failure with the reason.
 */
import {
  Alert,
  Anchor,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import { evaluationsApi, type Run } from "../../api/evaluations.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { formatCount, formatInstant, formatRate, formatSeconds } from "../../format.js";
import { usePolled } from "../models/use-polled.js";
import { RunStatusBadge } from "./RunStatusBadge.js";

const POLL_MS = 1000;

export function RunPage() {
  const { id = "" } = useParams();
  const run = usePolled(
    () => evaluationsApi.get(id),
    (data) => (!data || data.status === "queued" || data.status === "running" ? POLL_MS : null),
    [id],
  );
  return (
    <>
      <PageTitle title={`Run ${id}`}>
        Run{" "}
        <Text span ff="monospace" inherit>
          {id}
        </Text>
      </PageTitle>
      <ApiErrorAlert error={run.error} />
      {!run.data && !run.error && <Skeleton h={240} />}
      {run.data && <RunDetails run={run.data} />}
    </>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function RunDetails({ run }: { run: Run }) {
  const { progress } = run;
  const total = progress.profilesTotal;
  const percent =
    run.status === "completed" ? 100 : total ? Math.min(100, (progress.profilesDone / total) * 100) : 0;
  const segmentIds = [...new Set([...run.segmentIds, ...Object.keys(run.counts)])];
  return (
    <Stack gap="lg" maw={960}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={600}>Status</Text>
              <RunStatusBadge status={run.status} testId="run-status" />
            </Group>
            <Text size="sm" c="dimmed">
              evaluated as of {formatInstant(run.now)}
            </Text>
          </Group>
          <Progress
            value={percent}
            size="lg"
            animated={run.status === "running"}
            color={run.status === "failed" ? "red" : run.status === "completed" ? "green" : "blue"}
            aria-label={`profiles evaluated: ${Math.round(percent)}%`}
            data-testid="run-progress"
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Stat
              label="Profiles"
              value={`${formatCount(progress.profilesDone)}${total !== null ? ` / ${formatCount(total)}` : ""}`}
            />
            <Stat label="Shards" value={`${progress.shardsDone} / ${progress.shardsTotal}`} />
            <Stat
              label="Rate"
              value={progress.profilesPerSecond !== null ? formatRate(progress.profilesPerSecond) : "—"}
            />
            <Stat
              label={run.status === "completed" ? "Took" : "ETA"}
              value={
                run.status === "completed" && run.startedAt && run.finishedAt
                  ? formatSeconds((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)
                  : progress.etaSeconds !== null
                    ? formatSeconds(progress.etaSeconds)
                    : "—"
              }
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            created {formatInstant(run.createdAt)} · started {formatInstant(run.startedAt)} · finished{" "}
            {formatInstant(run.finishedAt)}
          </Text>
        </Stack>
      </Paper>
      {run.error && (
        <Alert color="red" title="The run failed" role="alert" data-testid="run-error">
          <Text style={{ whiteSpace: "pre-wrap" }}>{run.error}</Text>
        </Alert>
      )}
      <div>
        <Text fw={600} component="h2" mb="xs">
          Counts per segment{run.status === "completed" ? "" : " (finished shards so far)"}
        </Text>
        <Table.ScrollContainer minWidth={320}>
          <Table
            striped
            verticalSpacing="xs"
            horizontalSpacing="xs"
            fz={{ base: "sm", sm: "md" }}
            data-testid="run-counts"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Segment</Table.Th>
                <Table.Th ta="right">Realized</Table.Th>
                <Table.Th ta="right">Existing</Table.Th>
                <Table.Th ta="right">Exited</Table.Th>
                <Table.Th ta="right">Members</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {segmentIds.map((segmentId) => {
                const c = run.counts[segmentId];
                return (
                  <Table.Tr key={segmentId} data-testid={`run-count-${segmentId}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/segments/${encodeURIComponent(segmentId)}`}>
                        {segmentId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{c ? formatCount(c.realized) : "—"}</Table.Td>
                    <Table.Td ta="right">{c ? formatCount(c.existing) : "—"}</Table.Td>
                    <Table.Td ta="right">{c ? formatCount(c.exited) : "—"}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {c ? formatCount(c.total) : "—"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
    </Stack>
  );
}
