/**
 * `/console/segments/new` and `/console/segments/:id`: a segment's id, name, definition (the
 * segment-language editor, checked as it is typed, with a live size estimate), and schedule; save,
 * delete, and evaluate it now.
 */
import { Alert, Button, Group, Loader, Modal, Paper, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { type FormEvent, useEffect, useState } from "react";
import { useLocation, useNavigate, useParams } from "react-router";

import { evaluationsApi } from "../../api/evaluations.js";
import { fieldsApi } from "../../api/fields.js";
import { type Segment, segmentsApi } from "../../api/segments.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { SegmentEditor } from "../../editor/SegmentEditor.js";
import { formatCount } from "../../format.js";
import { useDefinitionCheck } from "./use-definition-check.js";

const ERROR_ID = "segment-definition-error";

export function SegmentEditPage() {
  const { id } = useParams();
  const existing = useApi(() => (id ? segmentsApi.get(id) : Promise.resolve(null)), [id]);
  if (id && existing.error) {
    return (
      <>
        <PageTitle title={`Segment ${id}`} />
        <ApiErrorAlert error={existing.error} />
      </>
    );
  }
  if (id && !existing.data) return <Skeleton h={300} />;
  return <SegmentForm key={id ?? "new"} segment={existing.data ?? null} />;
}

function SegmentForm({ segment }: { segment: Segment | null }) {
  const navigate = useNavigate();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const [segmentId, setSegmentId] = useState(segment?.id ?? "");
  const [name, setName] = useState(segment?.name ?? "");
  const [definition, setDefinition] = useState(segment?.definition ?? "");
  const [schedule, setSchedule] = useState(segment?.schedule ?? "");
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(justCreated ? "Created." : null);
  const [confirmOpen, confirm] = useDisclosure(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const fields = useApi(() => fieldsApi.get(), []);
  const check = useDefinitionCheck(definition, segment?.id ?? (segmentId || undefined));
  const current = check.checkedText === definition;
  const firstError = current ? check.errors[0] : undefined;

  // A saved message is about the text as saved: an edit takes it away.
  const [savedText, setSavedText] = useState({ name, definition, schedule });
  useEffect(() => {
    if (savedText.name !== name || savedText.definition !== definition || savedText.schedule !== schedule) {
      setSaved(null);
    }
  }, [savedText, name, definition, schedule]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const cron = schedule.trim() || null;
      if (segment) {
        await segmentsApi.update(segment.id, { name, definition, schedule: cron });
        setSavedText({ name, definition, schedule });
        setSaved("Saved.");
      } else {
        const created = await segmentsApi.create({
          ...(segmentId.trim() ? { id: segmentId.trim() } : {}),
          name,
          definition,
          ...(cron ? { schedule: cron } : {}),
        });
        navigate(`/segments/${encodeURIComponent(created.id)}`, { replace: true, state: { created: true } });
        return;
      }
    } catch (error) {
      setSaveError(error);
    }
    setSaving(false);
  }

  async function remove() {
    if (!segment) return;
    setDeleteError(null);
    try {
      await segmentsApi.remove(segment.id);
      confirm.close();
      navigate("/segments", { replace: true });
    } catch (error) {
      setDeleteError(error);
    }
  }

  async function evaluateNow() {
    if (!segment) return;
    setStarting(true);
    try {
      const run = await evaluationsApi.start([segment.id]);
      navigate(`/runs/${encodeURIComponent(run.id)}`);
    } catch (error) {
      setSaveError(error);
      setStarting(false);
    }
  }

  return (
    <>
      <PageTitle title={segment ? segment.name : "New segment"} />
      <form onSubmit={save} noValidate>
        <Stack gap="md" maw={960}>
          <Group grow align="flex-start" preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label="Id"
              description={
                segment ? "An id cannot change." : "Letters, digits, _ and -; made from the name when empty."
              }
              value={segmentId}
              onChange={(e) => setSegmentId(e.currentTarget.value)}
              readOnly={Boolean(segment)}
              data-testid="segment-id"
              miw={220}
            />
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="segment-name"
              miw={220}
            />
          </Group>
          <div>
            <Text component="label" size="sm" fw={500} id="segment-definition-label">
              Definition
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              The segment language (docs/segment-language.md). Ctrl+Space completes attribute paths, event
              types and properties seen in the data.
            </Text>
            <SegmentEditor
              value={definition}
              onChange={setDefinition}
              fields={fields.data}
              errors={current ? check.errors : []}
              label="Definition"
              describedBy={ERROR_ID}
              placeholder='exists(events where type = "purchase" and timestamp within last 30 days)'
              testId="segment-editor"
            />
            <div id={ERROR_ID} aria-live="polite">
              {firstError && (
                <Text
                  c="red.8"
                  size="sm"
                  mt={4}
                  style={{ whiteSpace: "pre-line" }}
                  data-testid="segment-error"
                >
                  {check.errors.map((e) => e.message).join("\n")}
                </Text>
              )}
              {check.failure && current && (
                <Text c="red.8" size="sm" mt={4}>
                  Could not check the definition: {check.failure}
                </Text>
              )}
            </div>
          </div>
          <EstimatePanel check={check} current={current} empty={definition.trim() === ""} />
          <TextInput
            label="Schedule"
            description='A cron pattern for scheduled evaluation of this segment (e.g. "0 3 * * *": every day at 03:00 UTC); empty for none.'
            value={schedule}
            onChange={(e) => setSchedule(e.currentTarget.value)}
            data-testid="segment-schedule"
            maw={420}
          />
          <ApiErrorAlert error={saveError} title="Not saved" />
          {saved && (
            <Alert color="green" role="status" data-testid="segment-saved">
              {saved}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving} data-testid="segment-save">
              {segment ? "Save" : "Create"}
            </Button>
            {segment && (
              <>
                <Button
                  variant="light"
                  onClick={evaluateNow}
                  loading={starting}
                  data-testid="segment-evaluate"
                >
                  Evaluate now
                </Button>
                <Button variant="outline" color="red" onClick={confirm.open} data-testid="segment-delete">
                  Delete
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </form>
      {segment && (
        <Modal opened={confirmOpen} onClose={confirm.close} title={`Delete ${segment.name}?`}>
          <Stack>
            <Text>
              The segment <strong>{segment.id}</strong> and its schedule are deleted. Memberships already
              written onto profiles stay.
            </Text>
            <ApiErrorAlert error={deleteError} title="Not deleted" />
            <Group justify="flex-end">
              <Button variant="default" onClick={confirm.close}>
                Cancel
              </Button>
              <Button color="red" onClick={remove} data-testid="segment-delete-confirm">
                Delete
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

function EstimatePanel({
  check,
  current,
  empty,
}: {
  check: ReturnType<typeof useDefinitionCheck>;
  current: boolean;
  empty: boolean;
}) {
  const { estimate } = check;
  let body: React.ReactNode;
  if (empty) body = <Text c="dimmed">Write a definition to see its estimated size.</Text>;
  else if (!current || check.estimating)
    body = (
      <Group gap="xs">
        <Loader size="xs" />
        <Text c="dimmed">Estimating…</Text>
      </Group>
    );
  else if (check.errors.length > 0)
    body = <Text c="dimmed">No estimate while the definition has errors.</Text>;
  else if (estimate)
    body = (
      <Text data-testid="segment-estimate">
        About <strong>{formatCount(estimate.estimate)}</strong> profiles (95% interval{" "}
        {formatCount(estimate.interval.low)} – {formatCount(estimate.interval.high)}), from{" "}
        {formatCount(estimate.matched)} of a sample of {formatCount(estimate.sampleSize)} among{" "}
        {formatCount(estimate.population)}.
      </Text>
    );
  else body = <Text c="dimmed">No estimate.</Text>;
  return (
    <Paper withBorder p="sm" aria-live="polite">
      <Text size="sm" fw={500} mb={4}>
        Estimated size
      </Text>
      {body}
    </Paper>
  );
}
