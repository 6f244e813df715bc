/** `/v1/profiles`: one profile with its latest events, and why it is or is not in a segment. */
import type { ExplainResponse, ProfileResponse } from "@segflow/api-contract";
import { request } from "./client.js";

export type Profile = ProfileResponse;
export type Explanation = ExplainResponse;

/** Events shown on a profile's timeline, newest first. */
export const TIMELINE_EVENTS = 200;

const path = (id: string) => `/v1/profiles/${encodeURIComponent(id)}`;

export const profilesApi = {
  get: (id: string) => request<Profile>("GET", `${path(id)}?events=${TIMELINE_EVENTS}`),
  explain: (id: string, segmentId: string) =>
    request<Explanation>("GET", `${path(id)}/explain?segment=${encodeURIComponent(segmentId)}`),
};
