/**
 * `/console/models/new`: a churn or conversion model (`POST /v1/models`), then, when asked, its
 * first training (`POST /v1/models/:id/train`). The goal is an event filter in the segment
 * language, written in the segment editor; the API checks it whole and answers its errors with
 * their line and column, which are shown under the goal. The other fields keep the API's defaults
 * (lookback 90 days, score bands, data checks, minimum AUC).
 */
import {
  Button,
  Checkbox,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client.js";
import { fieldsApi } from "../../api/fields.js";
import { type ModelInput, modelsApi } from "../../api/models.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { GoalEditor } from "./GoalEditor.js";
import { fieldErrors } from "./model-errors.js";
import { useGoalCheck } from "./use-goal-check.js";

type ModelType = ModelInput["type"];

/** The goal each type starts with: churn is the absence of any event, conversion a purchase. */
const DEFAULT_GOALS: Record<ModelType, string> = {
  churn: "type is not null",
  conversion: 'type = "purchase"',
};

const ABOUT_TYPE: Record<ModelType, string> = {
  churn: "Positive when the goal does NOT occur in the window: a churn goal is usually any event.",
  conversion: "Positive when the goal occurs in the window (a purchase, a sign-up…).",
};

export function ModelNewPage() {
  const navigate = useNavigate();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [type, setType] = useState<ModelType>("churn");
  const [goal, setGoal] = useState(DEFAULT_GOALS.churn);
  const [windowDays, setWindowDays] = useState<number | string>(30);
  const [attributes, setAttributes] = useState<string[]>([]);
  const [trainNow, setTrainNow] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ error: unknown; goal: string } | null>(null);
  const fields = useApi(() => fieldsApi.get(), []);
  const [nameMissing, setNameMissing] = useState(false);
  const goalCheck = useGoalCheck(goal, Number(windowDays));

  function changeType(next: ModelType) {
    // A goal left as the other type's default follows the type; one the user wrote stays.
    if (goal.trim() === DEFAULT_GOALS[type]) setGoal(DEFAULT_GOALS[next]);
    setType(next);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // What the page can tell is said before sending: the API would refuse it with a 400.
    setNameMissing(name.trim() === "");
    if (name.trim() === "" || (goalCheck.checkedText === goal && goalCheck.errors.length > 0)) return;
    setSaving(true);
    setError(null);
    const input: ModelInput = {
      ...(id.trim() && { id: id.trim() }),
      name: name.trim(),
      type,
      goal,
      windowDays: Number(windowDays),
      attributes,
    };
    try {
      const model = await modelsApi.create(input);
      if (trainNow) await modelsApi.train(model.id);
      navigate(`/models/${encodeURIComponent(model.id)}`);
    } catch (e) {
      setError({ error: e, goal });
      setSaving(false);
    }
  }

  const errors = fieldErrors(error?.error, error?.goal ?? "");
  // The errors of the text in the editor: the live check's once it has seen this text, else the API's.
  const goalErrors = goalCheck.checkedText === goal ? goalCheck.errors : errors.goal;
  return (
    <Stack maw={760}>
      <PageTitle title="New model" />
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name"
              description="What the model predicts, for people"
              placeholder="Churn in the next 30 days"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={nameMissing ? "Give the model a name." : errors.name}
              data-testid="model-name"
            />
            <TextInput
              label="Id"
              description="Scores go to scores.<id>; made from the name when empty"
              placeholder="churn"
              value={id}
              onChange={(e) => setId(e.currentTarget.value)}
              error={errors.id}
              data-testid="model-id"
              autoComplete="off"
              spellCheck={false}
            />
          </SimpleGrid>
          <Input.Wrapper label="Type" description={ABOUT_TYPE[type]}>
            <SegmentedControl
              mt={4}
              value={type}
              onChange={(v) => changeType(v as ModelType)}
              data={[
                { value: "churn", label: "Churn" },
                { value: "conversion", label: "Conversion" },
              ]}
              data-testid="model-type"
            />
          </Input.Wrapper>
          <GoalEditor value={goal} onChange={setGoal} errors={goalErrors} fields={fields.data} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Window (days)"
              description="Does the goal occur in the days after the cutoff?"
              min={1}
              max={365}
              value={windowDays}
              onChange={setWindowDays}
              error={errors.windowDays}
              data-testid="model-window"
            />
            <TagsInput
              label="Attributes"
              description="Attribute paths used as features (Enter after each)"
              placeholder="loyalty.tier"
              value={attributes}
              onChange={setAttributes}
              error={errors.attributes}
              data-testid="model-attributes"
              splitChars={[",", " "]}
              data={fields.data?.attributes ?? []}
              limit={20}
            />
          </SimpleGrid>
          <Checkbox
            label="Train it now"
            checked={trainNow}
            onChange={(e) => setTrainNow(e.currentTarget.checked)}
            data-testid="model-train-now"
          />
          {errors.other && <ApiErrorAlert error={error?.error} title="The model was not created" />}
          {error?.error instanceof ApiError && error.error.status === 409 && (
            <Text c="red">A model with this id exists: choose another id.</Text>
          )}
          <Group>
            <Button type="submit" loading={saving} data-testid="model-create">
              {trainNow ? "Create and train" : "Create"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
