/**
 * `/console/profiles` (search by id) and `/console/profiles/:id`: one profile's attributes, scores,
 * memberships with their history (`GET /v1/profiles/:id/memberships`), why it is or is not in any
 * segment, and its latest events (`GET /v1/profiles/:id?events=200`).
 */
import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client.js";
import { profilesApi, TIMELINE_EVENTS } from "../../api/profiles.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorAlert } from "../../components/ApiErrorAlert.js";
import { PageTitle } from "../../components/PageTitle.js";
import { formatInstant } from "../../format.js";
import { ExplainPanel } from "./ExplainPanel.js";
import { MembershipHistory } from "./MembershipHistory.js";
import { ProfileEvents, ProfileMemberships, ProfileScores } from "./ProfileParts.js";
import { ProfileSearch } from "./ProfileSearch.js";
import { ValueTree } from "./ValueTree.js";

function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <Card withBorder padding="md" component="section" id={id}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export function ProfileSearchPage() {
  return (
    <Stack>
      <PageTitle title="Profiles" />
      <Text c="dimmed" size="sm">
        Open a profile by its id to see its attributes, scores, memberships and events, and why it is or is
        not in a segment.
      </Text>
      <ProfileSearch />
    </Stack>
  );
}

export function ProfilePage() {
  const { id = "" } = useParams();
  const profile = useApi(() => profilesApi.get(id), [id]);
  // A request to explain a segment (from the memberships); `at` makes a repeated click a new request.
  const [explainRequest, setExplainRequest] = useState<{ segmentId: string; at: number }>();
  const p = profile.data?.id === id ? profile.data : undefined;

  function explain(segmentId: string) {
    setExplainRequest({ segmentId, at: Date.now() });
    document.getElementById("explain")?.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  const notFound = profile.error instanceof ApiError && profile.error.status === 404;
  return (
    <Stack>
      <PageTitle title={`Profile ${id}`} />
      <ProfileSearch current={id} />
      {notFound ? (
        <Text role="alert">No profile has the id “{id}”.</Text>
      ) : (
        <ApiErrorAlert error={profile.error} title="Could not load the profile" />
      )}
      {!p && profile.loading && <Text>Loading…</Text>}
      {p && (
        <>
          <Text size="sm" c="dimmed">
            Created {formatInstant(p.createdAt)} · updated {formatInstant(p.updatedAt)} · in{" "}
            {p.segments.length === 1 ? "1 segment" : `${p.segments.length} segments`}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Section title="Attributes">
              <ValueTree value={p.attributes} testId="profile-attributes" />
            </Section>
            <Section title="Scores">
              <ProfileScores scores={p.scores} />
            </Section>
          </SimpleGrid>
          <Section title="Segment memberships">
            <ProfileMemberships memberships={p.segmentMembership} onExplain={explain} />
            <MembershipHistory profileId={p.id} />
          </Section>
          <Section title="Explain a segment" id="explain">
            <ExplainPanel profileId={p.id} request={explainRequest} />
          </Section>
          <Section title="Events">
            <ProfileEvents events={p.events ?? []} limit={TIMELINE_EVENTS} />
          </Section>
        </>
      )}
    </Stack>
  );
}
