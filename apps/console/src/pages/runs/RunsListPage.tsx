/**
 * `/console/runs`: start an evaluation (of every segment, or of those picked) and the latest 50
 * runs, polled while any of them is queued or running.
 */
import { Anchor, Button, Group, MultiSelect, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { evaluationsApi, type Run } from "../../api/evaluations.js";
import { segmentsApi } from "../../api/segments.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { formatCount, formatInstant, formatSeconds } from "../../format.js";
import { usePolled } from "../models/use-polled.js";
import { RunStatusBadge } from "./RunStatusBadge.js";

const active = (run: Run) => run.status === "queued" || run.status === "running";

function duration(run: Run): string {
  if (!run.startedAt || !run.finishedAt) return "—";
  return formatSeconds((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
}

export function RunsListPage() {
  const navigate = useNavigate();
  const runs = usePolled(
    () => evaluationsApi.list(),
    (data) => (data?.evaluations.some(active) ? 2000 : null),
    [],
  );
  const segments = useApi(() => segmentsApi.list(), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      const run = await evaluationsApi.start(picked.length > 0 ? picked : undefined);
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (error) {
      setStartError(error);
      setStarting(false);
    }
  }

  return (
    <>
      <PageTitle title="Runs" />
      <Paper withBorder p="md" mb="lg" maw={760}>
        <Stack gap="sm">
          <Text fw={600}>Start an evaluation</Text>
          <MultiSelect
            label="Segments"
            description="Every segment when none is picked (with the segments they read)."
            placeholder={picked.length ? undefined : "All segments"}
            data={(segments.data?.segments ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }))}
            value={picked}
            onChange={setPicked}
            searchable
            clearable
            data-testid="run-segments"
          />
          <ApiErrorAlert error={startError} title="Not started" />
          <Group>
            <Button onClick={start} loading={starting} data-testid="run-start">
              Start evaluation
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Text fw={600} mb="xs" component="h2">
        Recent runs
      </Text>
      <ApiErrorAlert error={runs.error} />
      {!runs.data && !runs.error && <Skeleton h={120} />}
      {runs.data && runs.data.evaluations.length === 0 && <Text>No runs yet.</Text>}
      {runs.data && runs.data.evaluations.length > 0 && (
        <Table.ScrollContainer minWidth={320}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="run-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Run</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th visibleFrom="md">Segments</Table.Th>
                <Table.Th ta="right">Profiles</Table.Th>
                <Table.Th visibleFrom="sm">Created</Table.Th>
                <Table.Th visibleFrom="sm">Took</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.evaluations.map((run) => (
                <Table.Tr key={run.id} data-testid={`run-row-${run.id}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/runs/${encodeURIComponent(run.id)}`}
                      ff="monospace"
                      size="sm"
                    >
                      {run.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <RunStatusBadge status={run.status} />
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    <Text size="sm" lineClamp={1} title={run.segmentIds.join(", ")}>
                      {run.segmentIds.length} ({run.segmentIds.slice(0, 3).join(", ")}
                      {run.segmentIds.length > 3 ? ", …" : ""})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatCount(run.progress.profilesDone)}
                    {run.progress.profilesTotal !== null && run.status !== "completed"
                      ? ` / ${formatCount(run.progress.profilesTotal)}`
                      : ""}
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{formatInstant(run.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{duration(run)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
