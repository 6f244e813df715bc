/**
 * A batch deployment for fault tests: the e2e population and segments loaded through the API,
 * runs started and awaited, and the offline truth (the evaluator on the stored data) that a run
 * must equal whatever happened to the processes and servers on the way.
 */
import { compileSegments } from "@segflow/segment-language";
import type { Store } from "@segflow/store";
import { type Api, waitFor } from "@segflow/testing";
import { population, SEGMENTS } from "../e2e/population.js";

export { SEGMENTS };

export type RunCounts = Record<string, { realized: number; existing: number; exited: number; total: number }>;

export interface Run {
  id: string;
  status: string;
  progress: { shardsDone: number; shardsTotal: number };
  counts: RunCounts;
}

/** Loads `count` profiles with their events and the segments, through the API. */
export async function loadPopulation(api: Api, count: number, nowMs: number): Promise<void> {
  const profiles = population(count, 7, nowMs);
  for (let i = 0; i < profiles.length; i += 500) {
    const batch = profiles.slice(i, i + 500);
    await api.ok("POST", "/v1/profiles", {
      profiles: batch.map((p) => ({ id: p.id, attributes: p.attributes })),
    });
    const events = batch.flatMap((p) => (p.events ?? []).map((e) => ({ profileId: p.id, ...e })));
    if (events.length > 0) await api.ok("POST", "/v1/events", { events });
  }
  for (const s of SEGMENTS) await api.ok("POST", "/v1/segments", s);
}

/** Waits for a run to complete; a failed run fails at once. */
export async function runToCompletion(api: Api, id: string, timeoutMs = 120_000): Promise<Run> {
  let run: Run | undefined;
  await waitFor(
    `run ${id}`,
    async () => {
      run = await api.ok<Run>("GET", `/v1/evaluations/${id}`);
      if (run.status === "failed") throw new Error(`run failed: ${JSON.stringify(run)}`);
      return run.status === "completed";
    },
    timeoutMs,
  );
  return run!;
}

/** The members of each segment now: profile ids of status realized or existing, sorted. */
export async function storedMembers(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = Object.fromEntries(SEGMENTS.map((s) => [s.id, []]));
  for await (const doc of store.profiles.find({}).sort({ _id: 1 })) {
    for (const [segment, m] of Object.entries(doc.segmentMembership ?? {}))
      if (m.status !== "exited") out[segment]?.push(doc._id);
  }
  return out;
}

/** The offline truth: the members of each segment at `nowMs` by the evaluator on the stored data. */
export async function expectedMembers(store: Store, nowMs: number): Promise<Record<string, string[]>> {
  const compiled = compileSegments(SEGMENTS);
  const events = await store.events.find({}).toArray();
  const byProfile = new Map<string, typeof events>();
  for (const e of events) byProfile.set(e.profileId, [...(byProfile.get(e.profileId) ?? []), e]);
  const out: Record<string, string[]> = Object.fromEntries(SEGMENTS.map((s) => [s.id, []]));
  for (const doc of await store.profiles.find({}).sort({ _id: 1 }).toArray()) {
    const results = compiled.evaluate(
      { id: doc._id, attributes: doc.attributes, events: byProfile.get(doc._id) ?? [] },
      nowMs,
    );
    compiled.ids.forEach((id, i) => {
      if (results[i]) out[id]!.push(doc._id);
    });
  }
  return out;
}

/** What a first run over fresh data must count: every member realized, nothing else. */
export function firstRunCounts(members: Record<string, string[]>): RunCounts {
  return Object.fromEntries(
    Object.entries(members).map(([id, ids]) => [
      id,
      { realized: ids.length, existing: 0, exited: 0, total: ids.length },
    ]),
  );
}
