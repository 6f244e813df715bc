/**
 * `/v1/profiles`: one profile with its latest events, its membership history, and why it is or is
 * not in a segment.
 */
import type { ExplainResponse, MembershipHistoryResponse, ProfileResponse } from "@segflow/api-contract";
import { request } from "./client.js";

export type Profile = ProfileResponse;
export type Explanation = ExplainResponse;
export type MembershipHistory = MembershipHistoryResponse;
export type MembershipChange = MembershipHistoryResponse["changes"][number];

/** Membership changes shown on a profile's page, newest first (the API's default). */
export const HISTORY_CHANGES = 100;

/** Events shown on a profile's timeline, newest first. */
export const TIMELINE_EVENTS = 200;

const path = (id: string) => `/v1/profiles/${encodeURIComponent(id)}`;

export const profilesApi = {
  get: (id: string) => request<Profile>("GET", `${path(id)}?events=${TIMELINE_EVENTS}`),
  memberships: (id: string) =>
    request<MembershipHistory>("GET", `${path(id)}/memberships?limit=${HISTORY_CHANGES}`),
  explain: (id: string, segmentId: string) =>
    request<Explanation>("GET", `${path(id)}/explain?segment=${encodeURIComponent(segmentId)}`),
};
