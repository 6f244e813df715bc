/** Profiles: upserts, reads, membership history, live memberships, and why a profile is or is not in a segment. */
import {
  ExplainResponse,
  LiveMembershipResponse,
  MembershipHistoryResponse,
  ProfileResponse,
  UpsertProfilesResponse,
} from "@segflow/api-contract";
import { liveMembership, resolveRunSegments } from "@segflow/evaluation";
import { compileSegments } from "@segflow/segment-language";
import {
  getProfile,
  loadProfile,
  membershipHistory,
  profileExists,
  recentEvents,
  upsertProfiles,
} from "@segflow/store";
import { AppError } from "../http/errors.js";
import { defineRoute } from "../http/route.js";
import { IdParams } from "../http/schemas.js";
import { queueEvaluations } from "../http/timeout.js";
import { BULK_WRITE_OUTCOME, refusedBeforeWriting, rejectedItems } from "../http/write-outcome.js";
import { liveSegmentsOf } from "./live-segments.js";
import {
  ExplainQuery,
  LiveQuery,
  MembershipHistoryQuery,
  ProfileQuery,
  UpsertProfilesBody,
} from "./schemas.js";
import { membershipHistoryView, profileView } from "./views.js";

const profileNotFound = (id: string) => new AppError("not_found", `profile ${JSON.stringify(id)} not found`);
const params = IdParams("profile id");

export const profileRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/profiles",
    scope: "write",
    tag: "profiles",
    summary: "Upsert profiles (1..1000)",
    description:
      `${BULK_WRITE_OUTCOME("profiles")} ` +
      "The written profiles are then queued for streaming evaluation: their streaming segments " +
      "(`streaming: true`, and those reading them through `inSegment`) are re-evaluated by a worker " +
      'within moments, requests for one profile coalesced; the changes are recorded with `source: "streaming"` ' +
      "and published to the destinations.",
    body: UpsertProfilesBody,
    responses: {
      200: ["written, except those listed in rejected", UpsertProfilesResponse],
      400: "invalid input or a profile too large to store (each named); nothing was written",
      422: "the database refused every profile (details.rejected); nothing was written",
      503: "the database or Redis cannot be reached (Retry-After); resending is safe",
    },
    async handle({ body: { profiles } }, { store, onProfilesChanged }, res) {
      const outcome = await upsertProfiles(store, profiles).catch((error) => {
        throw refusedBeforeWriting("profiles", error);
      });
      const rejected = rejectedItems("profiles", profiles.length, outcome.rejected);
      if (onProfilesChanged) {
        const refused = new Set(rejected.map((r) => r.index));
        await queueEvaluations(
          onProfilesChanged([...new Set(profiles.filter((_, i) => !refused.has(i)).map((p) => p.id))]),
          `${profiles.length - rejected.length} profiles are written`,
          { upserted: profiles.length - rejected.length, rejected },
        );
      }
      res.json({
        upserted: profiles.length - rejected.length,
        inserted: outcome.inserted,
        updated: outcome.updated,
        rejected,
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/profiles/:id",
    scope: "read",
    tag: "profiles",
    summary: "A profile with its segment memberships (and, when asked, its latest events)",
    params,
    query: ProfileQuery,
    responses: { 200: ["the profile", ProfileResponse], 400: "invalid events count", 404: "unknown profile" },
    async handle({ params: { id }, query }, { store }, res) {
      // Both point reads at once: the profile by _id, its events by the (profileId, timestamp) index.
      const [doc, events] = await Promise.all([
        getProfile(store, id),
        query.events > 0 ? recentEvents(store, id, query.events) : undefined,
      ]);
      if (!doc) throw profileNotFound(id);
      res.json(profileView(doc, events));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/profiles/:id/memberships",
    scope: "read",
    tag: "profiles",
    summary: "A profile's membership history: each realized or exited change, newest first",
    params,
    query: MembershipHistoryQuery,
    responses: {
      200: ["the changes", MembershipHistoryResponse],
      400: "invalid limit",
      404: "unknown profile",
    },
    async handle({ params: { id }, query }, { store }, res) {
      const [exists, changes] = await Promise.all([
        profileExists(store, id),
        membershipHistory(store, id, query.limit),
      ]);
      if (!exists) throw profileNotFound(id);
      res.json(membershipHistoryView(id, changes));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/profiles/:id/live",
    scope: "read",
    tag: "profiles",
    summary: "The segments a profile is in now, evaluated on the spot (nothing written)",
    description:
      "Evaluates every stored segment for the profile and all its events at `now` (default: the " +
      "current time). The compiled segments are kept by the API process and compiled again when the " +
      "stored segments change; a segment changed through any replica is seen within a second. " +
      "The memberships that runs write are not read or changed.",
    params,
    query: LiveQuery,
    responses: {
      200: ["the segments it is in", LiveMembershipResponse],
      400: "bad now",
      404: "unknown profile",
    },
    async handle({ params: { id }, query }, { store }, res) {
      const started = performance.now();
      const now = query.now ?? new Date();
      const live = await liveMembership(store, liveSegmentsOf(store), id, now.getTime());
      if (!live) throw profileNotFound(id);
      res.json({
        id,
        now: now.toISOString(),
        segments: live.segments,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
      });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/profiles/:id/explain",
    scope: "read",
    tag: "profiles",
    summary: "Why a profile is or is not in a segment",
    params,
    query: ExplainQuery,
    responses: {
      200: ["the explanation tree", ExplainResponse],
      400: "bad now",
      404: "unknown profile or segment",
    },
    async handle({ params: { id }, query }, { store }, res) {
      // The segment and everything it reads, as stored now (throws NotFoundError → 404), before the
      // profile: an unknown segment should not cost reading every event of the profile.
      const { checked } = await resolveRunSegments(store, [query.segment]);
      const loaded = await loadProfile(store, id);
      if (!loaded) throw profileNotFound(id);
      const now = query.now ?? new Date();
      const explanation = compileSegments(checked).explain(loaded.profile, query.segment, now.getTime());
      res.json({
        profileId: id,
        segmentId: query.segment,
        now: now.toISOString(),
        holds: explanation.holds,
        explanation,
      });
    },
  }),
];
