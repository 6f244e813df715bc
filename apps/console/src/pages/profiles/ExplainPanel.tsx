/**
 * Why the profile is or is not in a segment: pick any stored segment, and the explain tree
 * (`GET /v1/profiles/:id/explain?segment=…`) is drawn one node a line: ✓ held, ✗ did not, the
 * value seen or "missing", and inside an event filter on how many of the profile's events the
 * condition held. The tree is evaluated now, against the definitions as stored now.
 */
import { Alert, Badge, NativeSelect, Stack, Text } from "@mantine/core";
import type { ExplainNode } from "@segflow/api-contract";
import { useEffect, useState } from "react";
import { type Explanation, profilesApi } from "../../api/profiles.js";
import { segmentsApi } from "../../api/segments.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { formatInstant } from "../../format.js";
import { nodeLine } from "./explain.js";

const MARK_COLORS = { "✓": "teal.8", "✗": "red.8" } as const;

function NodeItem({ node }: { node: ExplainNode }) {
  const { mark, notes } = nodeLine(node);
  const verdict = mark === null ? undefined : mark === "✓" ? "held" : "did not hold";
  return (
    <li>
      <div className="explain-node" title={`line ${node.at.line}, column ${node.at.column}`}>
        <Text span fw={700} c={mark ? MARK_COLORS[mark] : "dimmed"} ta="center" aria-label={verdict}>
          {mark ?? "•"}
        </Text>
        <span className="explain-text">
          <span className="explain-expression">{node.expression}</span>
          {notes.map((note) => (
            <Badge
              key={note}
              variant="light"
              color={note === "missing" ? "orange" : "gray"}
              tt="none"
              size="sm"
            >
              {note}
            </Badge>
          ))}
        </span>
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a tree is drawn whole, never reordered; siblings may share a position (an event filter's conditions)
            <NodeItem key={`${child.at.line}:${child.at.column}:${i}`} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ExplainTree({ explanation }: { explanation: Explanation }) {
  return (
    <Stack gap="xs" data-testid="profile-explain">
      <Text>
        <Text span fw={700} c={explanation.holds ? "teal.8" : "red.8"}>
          {explanation.holds ? "✓ In" : "✗ Not in"}
        </Text>{" "}
        segment <b>{explanation.segmentId}</b>, evaluated {formatInstant(explanation.now)}.
      </Text>
      <ul className="explain-tree">
        <NodeItem node={explanation.explanation.root} />
      </ul>
      <Text size="xs" c="dimmed">
        ✓ the condition held, ✗ it did not; "held on n events": inside an event filter, on how many of the
        profile's events the condition held.
      </Text>
    </Stack>
  );
}

export function ExplainPanel({
  profileId,
  request,
}: {
  profileId: string;
  /** A segment to explain, asked for from outside the select (a membership's link). */
  request?: { segmentId: string; at: number } | undefined;
}) {
  const segments = useApi(() => segmentsApi.list(), []);
  const [segmentId, setSegmentId] = useState(request?.segmentId ?? "");
  useEffect(() => {
    if (request) setSegmentId(request.segmentId);
  }, [request]);
  const [state, setState] = useState<{ explanation?: Explanation; error?: unknown; loading: boolean }>({
    loading: false,
  });

  useEffect(() => {
    if (!segmentId) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    profilesApi.explain(profileId, segmentId).then(
      (explanation) => live && setState({ explanation, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [profileId, segmentId]);

  const ids = (segments.data?.segments ?? []).map((s) => s.id).sort();
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Segment"
        description="Why is this profile in it, or not?"
        data={[{ value: "", label: ids.length ? "Choose a segment…" : "No segment stored" }, ...ids]}
        value={segmentId}
        onChange={(e) => setSegmentId(e.currentTarget.value)}
        data-testid="profile-explain-segment"
        maw={360}
      />
      <ApiErrorAlert error={segments.error} title="Could not list the segments" />
      {state.loading && <Text size="sm">Explaining…</Text>}
      <ApiErrorAlert error={state.error} title="Could not explain" />
      {!state.loading && state.explanation && state.explanation.segmentId === segmentId && (
        <ExplainTree explanation={state.explanation} />
      )}
      {!segmentId && ids.length > 0 && (
        <Alert color="gray" variant="light">
          Choose a segment to see its definition evaluated on this profile.
        </Alert>
      )}
    </Stack>
  );
}
