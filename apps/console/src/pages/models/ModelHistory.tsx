/**
 * What happened to a model after training: predicted against actual outcome rates per score band
 * once the window has passed since scoring, and every version (newest first) with its status and AUC.
 */
import { Badge, Table, Text } from "@mantine/core";
import type { ModelDetail } from "../../api/models.js";
import { formatInstant } from "../../format.js";
import { formatAuc, outcomeRows } from "./insights.js";

const VERSION_COLORS: Record<ModelDetail["versions"][number]["status"], string> = {
  trained: "blue",
  scoring: "cyan",
  active: "green",
  superseded: "gray",
  poor: "orange",
};

const rate = (v: number | null) => (v === null ? "—" : `${v}%`);

export function ModelOutcomes({ outcomes }: { outcomes: NonNullable<ModelDetail["outcomes"]> }) {
  const rows = outcomeRows(outcomes);
  if (!rows) {
    return (
      <Text data-testid="model-outcomes">
        {outcomes.status === "waiting" && outcomes.availableAt
          ? `Version ${outcomes.version}'s outcomes are checked once its window has passed since scoring: from ${formatInstant(outcomes.availableAt)}.`
          : `Version ${outcomes.version} was not scored, so it has no outcomes to check.`}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420} data-testid="model-outcomes">
      <Table captionSide="top">
        <Table.Caption>
          Version {outcomes.version}, checked {outcomes.checkedAt ? formatInstant(outcomes.checkedAt) : ""}
          {outcomes.pendingProfiles
            ? ` (${outcomes.pendingProfiles} profiles whose window had not passed are left out)`
            : ""}
          .
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Score band</Table.Th>
            <Table.Th>Profiles</Table.Th>
            <Table.Th>Predicted rate</Table.Th>
            <Table.Th>Actual rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.band}>
              <Table.Td>{r.band}</Table.Td>
              <Table.Td>{r.profiles.toLocaleString("en-US")}</Table.Td>
              <Table.Td>{rate(r.predicted)}</Table.Td>
              <Table.Td>{rate(r.actual)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ModelVersions({ versions }: { versions: ModelDetail["versions"] }) {
  if (versions.length === 0) return <Text data-testid="model-versions">Not trained yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={560} data-testid="model-versions">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>AUC (held out)</Table.Th>
            <Table.Th>AUC (validation)</Table.Th>
            <Table.Th>Trained at</Table.Th>
            <Table.Th>Scored at</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.version} data-testid={`model-version-${v.version}`}>
              <Table.Td>v{v.version}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Badge variant="light" color={VERSION_COLORS[v.status]} miw="max-content">
                  {v.status}
                </Badge>
              </Table.Td>
              <Table.Td>{formatAuc(v.auc)}</Table.Td>
              <Table.Td>{formatAuc(v.validationAuc)}</Table.Td>
              <Table.Td>{formatInstant(v.trainedAt)}</Table.Td>
              <Table.Td>{v.scoredAt ? formatInstant(v.scoredAt) : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
