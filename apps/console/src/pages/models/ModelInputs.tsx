/**
 * What a version learned from and how it was tuned (`attributes`, `cutoffs`, `calibration`): the
 * attributes it found by itself and those it left out with why, which cutoffs it kept, and whether
 * Platt scaling corrected its probabilities. Versions trained before these were recorded show none.
 */
import { Badge, Group, List, Stack, Text } from "@mantine/core";
import type { Insights } from "./insights.js";

const CALIBRATIONS = {
  prior: "prior correction",
  intercept: "intercept shift to the latest outcome rate",
  platt: "Platt scaling",
} as const;

export function ModelInputs({ metrics }: { metrics: Insights }) {
  const { attributes, cutoffs, calibration } = metrics;
  if (!attributes && !cutoffs && !calibration) return <Text c="dimmed">Not recorded for this version.</Text>;
  return (
    <Stack gap="xs">
      {attributes && (
        <>
          <Text size="sm">Attributes used ({attributes.used.length}):</Text>
          <Group gap={6}>
            {attributes.used.map((a) => (
              <Badge key={a.path} variant="light" title={a.kind}>
                {a.path}
              </Badge>
            ))}
          </Group>
          {attributes.skipped.length > 0 && (
            <>
              <Text size="sm">Left out:</Text>
              <List size="sm" spacing={2}>
                {attributes.skipped.map((a) => (
                  <List.Item key={a.path}>
                    <Text span ff="monospace" size="sm">
                      {a.path}
                    </Text>
                    : {a.reason}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </>
      )}
      {cutoffs && (
        <Text size="sm">
          Learned from {cutoffs.cutoffs === "all" ? "every cutoff" : "the cutoffs in phase with the window"}
          {cutoffs.latestValidationAuc &&
            ` (validation AUC at the latest cutoff: all ${cutoffs.latestValidationAuc.all.toFixed(3)}, in phase ${cutoffs.latestValidationAuc.inPhase.toFixed(3)})`}
          .
        </Text>
      )}
      {calibration && (
        <Text size="sm">
          Calibration: {CALIBRATIONS[calibration.method]} (held-out log loss{" "}
          {calibration.testLogLoss.calibrated.toFixed(4)}, {calibration.testLogLoss.prior.toFixed(4)} with the
          prior correction alone).
        </Text>
      )}
    </Stack>
  );
}
