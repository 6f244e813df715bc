/**
 * The factors that move a version's scores (`topFactors`, `topFactorsByBucket`): overall and per
 * score band, each with its share of the total contribution and the way it pushes on average.
 */
import { Group, Progress, Table, Tabs, Text } from "@mantine/core";
import { BANDS, effectLabel, featureLabel, type Insights, percent } from "./insights.js";

type Factor = Insights["topFactors"][number];

function FactorTable({ factors, caption }: { factors: Factor[]; caption: string }) {
  if (factors.length === 0) return <Text c="dimmed">No scored profile in this band.</Text>;
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th w="40%">Importance (% of total)</Table.Th>
            <Table.Th>Average effect (log-odds)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {factors.map((f) => (
            <Table.Tr key={f.feature}>
              <Table.Td ff="monospace">{featureLabel(f.feature)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={percent(f.importance)} w="100%" aria-hidden visibleFrom="sm" />
                  <Text size="sm" miw={48} ta="right">
                    {percent(f.importance)}%
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td c={effectLabel(f.meanImpact).color} style={{ whiteSpace: "nowrap" }}>
                {effectLabel(f.meanImpact).text}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ModelFactors({ metrics }: { metrics: Insights }) {
  return (
    <Tabs defaultValue="overall" data-testid="model-factors" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="overall">Overall</Tabs.Tab>
        {BANDS.map((band) => (
          <Tabs.Tab key={band} value={band}>
            {band} band ({metrics.bucketCounts[band].toLocaleString("en-US")})
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="overall" pt="sm">
        <FactorTable
          factors={metrics.topFactors}
          caption="The most important factors over every scored profile; ▲ raises the score on average, ▼ lowers it."
        />
      </Tabs.Panel>
      {BANDS.map((band) => (
        <Tabs.Panel key={band} value={band} pt="sm">
          <FactorTable
            factors={metrics.topFactorsByBucket[band]}
            caption={`The most important factors over the profiles scored in the ${band} band; ▲ raises the score on average, ▼ lowers it.`}
          />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
