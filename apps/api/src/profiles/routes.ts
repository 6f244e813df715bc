/** Profiles: upserts, reads, and why a profile is or is not in a segment. */
import { resolveRunSegments } from "@segflow/evaluation";
import { compileSegments } from "@segflow/segment-language";
import { getProfile, loadProfile, recentEvents, upsertProfiles } from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { AppError } from "../http/errors.js";
import { parseBody, parseQuery } from "../http/input.js";
import { ExplainQuery, ProfileQuery, UpsertProfilesBody } from "../http/schemas.js";
import { profileView } from "../http/views.js";
import { refusedBeforeWriting, rejectedItems } from "../http/write-outcome.js";

const profileNotFound = (id: string) => new AppError("not_found", `profile ${JSON.stringify(id)} not found`);

export function profileRoutes({ store }: AppDeps): Router {
  const router = Router();

  router.post("/v1/profiles", async (req, res) => {
    const { profiles } = parseBody(UpsertProfilesBody, req);
    const outcome = await upsertProfiles(store, profiles).catch((error) => {
      throw refusedBeforeWriting("profiles", error);
    });
    const rejected = rejectedItems("profiles", profiles.length, outcome.rejected);
    res.json({
      upserted: profiles.length - rejected.length,
      inserted: outcome.inserted,
      updated: outcome.updated,
      rejected,
    });
  });

  router.get("/v1/profiles/:id", async (req, res) => {
    const query = parseQuery(ProfileQuery, req);
    // Both point reads at once: the profile by _id, its events by the (profileId, timestamp) index.
    const [doc, events] = await Promise.all([
      getProfile(store, req.params.id),
      query.events > 0 ? recentEvents(store, req.params.id, query.events) : undefined,
    ]);
    if (!doc) throw profileNotFound(req.params.id);
    res.json(profileView(doc, events));
  });

  router.get("/v1/profiles/:id/explain", async (req, res) => {
    const query = parseQuery(ExplainQuery, req);
    // The segment and everything it reads, as stored now (throws NotFoundError → 404), before the
    // profile: an unknown segment should not cost reading every event of the profile.
    const { checked } = await resolveRunSegments(store, [query.segment]);
    const loaded = await loadProfile(store, req.params.id);
    if (!loaded) throw profileNotFound(req.params.id);
    const now = query.now ?? new Date();
    const explanation = compileSegments(checked).explain(loaded.profile, query.segment, now.getTime());
    res.json({
      profileId: req.params.id,
      segmentId: query.segment,
      now: now.toISOString(),
      holds: explanation.holds,
      explanation,
    });
  });

  return router;
}
