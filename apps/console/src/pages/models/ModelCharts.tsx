/**
 * The charts of a model version's insights (Mantine charts, SVG drawn by Recharts), each inside
 * its test hook: score distribution, lift and cumulative gain by decile, calibration. Every axis
 * says what it counts and in which unit; decile 1 is the tenth with the highest scores.
 */
import { BarChart, CompositeChart, LineChart } from "@mantine/charts";
import { Card, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { calibrationRows, distributionRows, type Insights, liftRows } from "./insights.js";

const HEIGHT = 260;
const DECILE_AXIS = "Decile of predicted probability (D1 = highest)";
const pct = (v: number) => `${v}%`;

function ChartCard(props: { testId: string; title: string; caption: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" data-testid={props.testId}>
      <Title order={4}>{props.title}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {props.caption}
      </Text>
      {props.children}
    </Card>
  );
}

export function DistributionChart({ metrics }: { metrics: Insights }) {
  return (
    <ChartCard
      testId="model-chart-distribution"
      title="Score distribution"
      caption={`${metrics.examples.scored.toLocaleString("en-US")} scored profiles by score (0–100).`}
    >
      <BarChart
        h={HEIGHT}
        data={distributionRows(metrics)}
        dataKey="range"
        series={[{ name: "profiles", label: "Profiles", color: "indigo.6" }]}
        xAxisLabel="Score"
        yAxisLabel="Profiles (count)"
        valueFormatter={(v) => v.toLocaleString("en-US")}
        yAxisProps={{ width: 64 }}
        gridAxis="y"
      />
    </ChartCard>
  );
}

export function LiftChart({ metrics }: { metrics: Insights }) {
  return (
    <ChartCard
      testId="model-chart-lift"
      title="Lift and cumulative gain"
      caption={`Held-out examples by decile. Bars: lift (outcome rate ÷ base rate ${pct(
        Math.round(metrics.baseRate * 1000) / 10,
      )}); lines: share of all outcomes found in deciles 1..n, against picking at random.`}
    >
      <CompositeChart
        h={HEIGHT}
        data={liftRows(metrics)}
        dataKey="decile"
        series={[
          { name: "lift", label: "Lift (×)", color: "indigo.5", type: "bar" },
          { name: "gain", label: "Cumulative gain (%)", color: "teal.7", type: "line", yAxisId: "right" },
          {
            name: "random",
            label: "Random (%)",
            color: "gray.5",
            type: "line",
            yAxisId: "right",
            strokeDasharray: "5 5",
          },
        ]}
        withRightYAxis
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        xAxisLabel={DECILE_AXIS}
        yAxisLabel="Lift (×)"
        rightYAxisLabel="Cumulative gain (%)"
        rightYAxisProps={{ domain: [0, 100], tickFormatter: pct }}
        // Whole multiples on the lift axis: 0×, 1×, 2×, … up to the top decile's lift.
        yAxisProps={{
          domain: [0, (max: number) => Math.max(1, Math.ceil(max))],
          allowDecimals: false,
          tickFormatter: (v: number) => `${v}×`,
        }}
        maxBarWidth={28}
        curveType="linear"
        gridAxis="y"
      />
    </ChartCard>
  );
}

export function CalibrationChart({ metrics }: { metrics: Insights }) {
  return (
    <ChartCard
      testId="model-chart-calibration"
      title="Calibration"
      caption="Mean predicted probability against the observed outcome rate, per decile: close lines mean the probabilities can be read as rates."
    >
      <LineChart
        h={HEIGHT}
        data={calibrationRows(metrics)}
        dataKey="decile"
        series={[
          { name: "predicted", label: "Predicted (%)", color: "indigo.6" },
          { name: "actual", label: "Actual (%)", color: "orange.6" },
        ]}
        withLegend
        legendProps={{ verticalAlign: "bottom" }}
        xAxisLabel={DECILE_AXIS}
        yAxisLabel="Outcome rate (%)"
        valueFormatter={pct}
        curveType="linear"
        gridAxis="y"
      />
    </ChartCard>
  );
}
