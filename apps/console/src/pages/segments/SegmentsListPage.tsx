/**
 * `/console/segments`: every segment with its current size (from the latest completed run that
 * evaluated it) and a sparkline of its size over the recent runs.
 */
import { Anchor, Button, Code, Skeleton, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { evaluationsApi } from "../../api/evaluations.js";
import { segmentsApi } from "../../api/segments.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { Sparkline } from "../../components/Sparkline.js";
import { formatCount, formatInstant } from "../../format.js";
import { type SizePoint, sizeHistories } from "./sizes.js";

export function SegmentsListPage() {
  const segments = useApi(() => segmentsApi.list(), []);
  const runs = useApi(() => evaluationsApi.list(), []);
  const histories = runs.data ? sizeHistories(runs.data.evaluations) : new Map<string, SizePoint[]>();

  return (
    <>
      <PageTitle
        title="Segments"
        actions={
          <Button component={Link} to="/segments/new" data-testid="segment-new">
            New segment
          </Button>
        }
      />
      <ApiErrorAlert error={segments.error ?? runs.error} />
      {segments.loading && !segments.data && <Skeleton h={120} />}
      {segments.data && segments.data.segments.length === 0 && (
        <Text>
          No segments yet.{" "}
          <Anchor component={Link} to="/segments/new">
            Write the first one.
          </Anchor>
        </Text>
      )}
      {segments.data && segments.data.segments.length > 0 && (
        <Table.ScrollContainer minWidth={320}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="segment-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Segment</Table.Th>
                <Table.Th ta="right">Size</Table.Th>
                <Table.Th>Recent runs</Table.Th>
                <Table.Th visibleFrom="sm">Schedule</Table.Th>
                <Table.Th visibleFrom="md">Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {segments.data.segments.map((s) => {
                const history = histories.get(s.id) ?? [];
                const latest = history.at(-1);
                return (
                  <Table.Tr key={s.id} data-testid={`segment-row-${s.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/segments/${encodeURIComponent(s.id)}`} fw={600}>
                        {s.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.id}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {latest ? (
                        <Text title={`run ${latest.runId} at ${formatInstant(latest.at)}`}>
                          {formatCount(latest.size)}
                        </Text>
                      ) : (
                        <Text c="dimmed" size="sm">
                          not run yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {history.length >= 2 ? (
                        <Sparkline
                          values={history.map((p) => p.size)}
                          label={`size over the last ${history.length} runs`}
                        />
                      ) : (
                        <Text c="dimmed" size="sm">
                          {history.length === 1 ? "one run" : "—"}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      {s.schedule ? (
                        <Code>{s.schedule}</Code>
                      ) : (
                        <Text c="dimmed" size="sm">
                          none
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm">{formatInstant(s.updatedAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
