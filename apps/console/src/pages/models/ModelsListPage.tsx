/**
 * `/console/models`: every propensity model with its status, active version and held-out AUC
 * (`GET /v1/models`, then each model's detail for its AUC: the list does not carry metrics).
 * Polled, so a training started elsewhere shows its status changes here.
 */
import { Anchor, Button, Stack, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import { type ModelDetail, modelsApi } from "../../api/models.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { BUSY_STATUSES, formatAuc } from "./insights.js";
import { StatusBadge } from "./StatusBadge.js";
import { usePolled } from "./use-polled.js";

const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 10_000;

async function loadModels(): Promise<ModelDetail[]> {
  const { models } = await modelsApi.list();
  return Promise.all(models.map((m) => modelsApi.get(m.id)));
}

export function ModelsListPage() {
  const navigate = useNavigate();
  const { data: models, error } = usePolled(
    loadModels,
    (list) => (list?.some((m) => BUSY_STATUSES.includes(m.status)) ? BUSY_POLL_MS : IDLE_POLL_MS),
    [],
  );

  return (
    <Stack>
      <PageTitle
        title="Models"
        actions={
          <Button component={Link} to="/models/new" data-testid="model-new">
            New model
          </Button>
        }
      />
      <Text c="dimmed" size="sm">
        Propensity models score every eligible profile (scores.&lt;model id&gt;); AUC is measured on held-out
        examples (0.5: no better than chance, 1: perfect).
      </Text>
      <ApiErrorAlert error={error} title="Could not load the models" />
      {models === undefined && error == null && <Text>Loading…</Text>}
      {models?.length === 0 && <Text>No model yet: create one to train it.</Text>}
      {models && models.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Active version</Table.Th>
                <Table.Th>AUC</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {models.map((m) => (
                // The whole row opens the model; its name is the link for the keyboard.
                <Table.Tr
                  key={m.id}
                  data-testid={`model-row-${m.id}`}
                  onClick={() => navigate(`/models/${encodeURIComponent(m.id)}`)}
                  style={{ cursor: "pointer" }}
                >
                  <Table.Td>
                    <Anchor component={Link} to={`/models/${encodeURIComponent(m.id)}`}>
                      {m.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {m.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>{m.type}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={m.status} />
                  </Table.Td>
                  <Table.Td>{m.activeVersion === null ? "—" : `v${m.activeVersion}`}</Table.Td>
                  <Table.Td>{formatAuc(m.metrics?.auc)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
