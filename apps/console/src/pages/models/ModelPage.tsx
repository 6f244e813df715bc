/**
 * `/console/models/:id`: a model, its training, and the insights of the version the API shows (the
 * active one, else the latest): headline numbers, the charts, the factors, predicted against
 * actual outcomes, and the version history. The page polls `GET /v1/models/:id` while it is open
 * (fast while the trainer is at work or a training was just asked for), so status changes show live.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { type ReactNode, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { type ModelDetail, modelsApi } from "../../api/models.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { formatInstant } from "../../format.js";
import { BUSY_STATUSES, formatAuc, type Insights, percent } from "./insights.js";
import { CalibrationChart, DistributionChart, LiftChart } from "./ModelCharts.js";
import { ModelFactors } from "./ModelFactors.js";
import { ModelOutcomes, ModelVersions } from "./ModelHistory.js";
import { ModelInputs } from "./ModelInputs.js";
import { StatusBadge } from "./StatusBadge.js";
import { usePolled } from "./use-polled.js";

const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 10_000;
/** After asking for a training, poll fast this long: the trainer may take a moment to pick it up. */
const AFTER_REQUEST_MS = 60_000;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Definition({ model }: { model: ModelDetail }) {
  const rows: [string, ReactNode][] = [
    ["Id", <Code key="id">{model.id}</Code>],
    [
      "Type",
      model.type === "churn"
        ? "churn (the goal does not occur in the window)"
        : "conversion (the goal occurs in the window)",
    ],
    ["Goal", <Code key="goal">{model.goal}</Code>],
    ["Window", `${model.windowDays} days (history read: ${model.lookbackDays} days)`],
    ["Eligible", model.eligible ? <Code key="eligible">{model.eligible}</Code> : "every profile"],
    ["Attributes", model.attributes.length ? model.attributes.join(", ") : "none"],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
      {rows.map(([label, value]) => (
        <Group key={label} gap="xs" wrap="nowrap" align="baseline">
          <Text size="sm" c="dimmed" miw={80}>
            {label}
          </Text>
          <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
            {value}
          </Text>
        </Group>
      ))}
    </SimpleGrid>
  );
}

function Headline({ metrics }: { metrics: Insights }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Stat label="AUC (held out)" value={formatAuc(metrics.auc)} hint="0.5 chance, 1 perfect" />
      <Stat
        label="AUC (validation)"
        value={formatAuc(metrics.validationAuc)}
        hint={`minimum ${metrics.minAuc}`}
      />
      <Stat label="Top-decile lift" value={`${metrics.lift.toFixed(2)}×`} hint="D1 rate ÷ base rate" />
      <Stat label="Base rate" value={`${percent(metrics.baseRate)}%`} hint="outcomes in held-out examples" />
      <Stat label="Scored profiles" value={metrics.examples.scored.toLocaleString("en-US")} />
      <Stat label="Model" value={metrics.kind} hint={`${metrics.features} features, ${metrics.backend}`} />
    </SimpleGrid>
  );
}

export function ModelPage() {
  const { id = "" } = useParams();
  const requestedAt = useRef(0);
  const [training, setTraining] = useState<{ error: unknown; note: string | null }>({
    error: null,
    note: null,
  });
  const {
    data: model,
    error,
    refresh,
  } = usePolled(
    () => modelsApi.get(id),
    (m) =>
      (m && BUSY_STATUSES.includes(m.status)) || Date.now() - requestedAt.current < AFTER_REQUEST_MS
        ? BUSY_POLL_MS
        : IDLE_POLL_MS,
    [id],
  );

  async function train() {
    setTraining({ error: null, note: null });
    try {
      const accepted = await modelsApi.train(id);
      requestedAt.current = Date.now();
      setTraining({
        error: null,
        note: accepted.deduplicated
          ? "A training of this model was already queued or running: this request joined it."
          : "Training queued: the status below changes when a trainer takes it.",
      });
      refresh();
    } catch (e) {
      setTraining({ error: e, note: null });
    }
  }

  if (!model) {
    return (
      <Stack>
        <PageTitle title={`Model ${id}`} />
        {error ? <ApiErrorAlert error={error} /> : <Text>Loading…</Text>}
        <Anchor component={Link} to="/models">
          All models
        </Anchor>
      </Stack>
    );
  }

  const metrics = model.metrics;
  const busy = BUSY_STATUSES.includes(model.status);
  return (
    <Stack gap="lg">
      <PageTitle
        title={model.name}
        actions={
          <Button
            onClick={train}
            loading={model.status === "training"}
            disabled={busy}
            data-testid="model-train"
          >
            {model.versions.length ? "Train again" : "Train"}
          </Button>
        }
      />
      <Group gap="sm">
        <Text>Status</Text>
        <StatusBadge status={model.status} testId="model-status" />
        <Text c="dimmed" size="sm">
          {model.activeVersion === null ? "no active version" : `active version v${model.activeVersion}`} ·
          updated {formatInstant(model.updatedAt)}
        </Text>
      </Group>
      {/* The note lasts until the model changes (the trainer took the job): the status says the rest. */}
      {training.note && Date.parse(model.updatedAt) < requestedAt.current && (
        <Alert color="blue" role="status">
          {training.note}
        </Alert>
      )}
      <ApiErrorAlert error={training.error} title="The training was not queued" />
      {error != null && <ApiErrorAlert error={error} title="Could not refresh the model (retrying)" />}
      {model.error && (
        <Alert
          color={model.status === "poor" ? "orange" : "red"}
          title={model.status === "poor" ? "Poor model" : "Training failed"}
        >
          {model.error}
        </Alert>
      )}
      {model.scoring && (
        <Card withBorder padding="sm">
          <Text size="sm" mb={4}>
            Scoring version {model.scoring.version}: {model.scoring.shardsDone} of {model.scoring.shardsTotal}{" "}
            shards, {model.scoring.profilesScored.toLocaleString("en-US")} profiles scored
          </Text>
          <Progress
            value={
              model.scoring.shardsTotal ? (100 * model.scoring.shardsDone) / model.scoring.shardsTotal : 0
            }
            animated
            aria-label="Scoring progress"
          />
        </Card>
      )}
      <Definition model={model} />

      {metrics ? (
        <>
          <Section title={`Insights of version ${metrics.version} (${metrics.versionStatus})`}>
            <Text size="sm" c="dimmed">
              Trained {formatInstant(metrics.trainedAt)} on {metrics.examples.train.toLocaleString("en-US")}{" "}
              examples; measured on {metrics.examples.test.toLocaleString("en-US")} held-out examples.
            </Text>
            {metrics.quality === "poor" && (
              <Alert color="orange">
                Its validation AUC ({formatAuc(metrics.validationAuc)}) is under the minimum ({metrics.minAuc}
                ): it is kept, but its scores are not written.
              </Alert>
            )}
            <Headline metrics={metrics} />
          </Section>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <DistributionChart metrics={metrics} />
            <LiftChart metrics={metrics} />
            <CalibrationChart metrics={metrics} />
          </SimpleGrid>
          <Section title="Top factors">
            <ModelFactors metrics={metrics} />
          </Section>
          <Section title="What it learned from">
            <ModelInputs metrics={metrics} />
          </Section>
        </>
      ) : (
        <Text>
          {busy
            ? "The first version is being trained."
            : "No version yet: train the model to see its insights."}
        </Text>
      )}
      {model.outcomes && (
        <Section title="Predicted against actual outcomes">
          <ModelOutcomes outcomes={model.outcomes} />
        </Section>
      )}
      <Section title="Version history">
        <ModelVersions versions={model.versions} />
      </Section>
    </Stack>
  );
}
