/**
 * Segment definitions. A definition is checked together with the stored segments (so
 * `inSegment` resolves and cycles are caught) before it is saved; a `schedule` becomes a BullMQ
 * job scheduler.
 */
import { SegmentListResponse, SegmentResponse } from "@segflow/api-contract";
import { checkDrafts, dependentsOf } from "@segflow/evaluation";
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  type Store,
  updateSegment,
} from "@segflow/store";
import { AppError } from "../http/errors.js";
import { defineRoute } from "../http/route.js";
import { IdParams } from "../http/schemas.js";
import { setSegmentSchedule } from "../schedules/scheduler.js";
import { invalidDefinition } from "./draft-errors.js";
import { generateSegmentId } from "./id.js";
import { CreateSegmentBody, UpdateSegmentBody } from "./schemas.js";
import { segmentView } from "./views.js";

const segmentNotFound = (id: string) => new AppError("not_found", `segment ${JSON.stringify(id)} not found`);
const params = IdParams("segment id");

/** 400 with every language error the definition causes, positioned. */
async function assertDefinition(store: Store, id: string, definition: string, idGiven = true): Promise<void> {
  const { errors } = await checkDrafts(store, [{ id, definition }]);
  if (errors.length > 0) throw invalidDefinition(errors, idGiven ? undefined : id);
}

export const segmentRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/segments",
    scope: "write",
    tag: "segments",
    summary: "Create a segment",
    body: CreateSegmentBody,
    responses: {
      201: ["the stored segment", SegmentResponse],
      400: "invalid input, or invalid_definition with the language errors (line, column)",
      409: "a segment with this id exists",
    },
    async handle({ body }, { store, producer, logger }, res) {
      const id = body.id ?? generateSegmentId(body.name);
      await assertDefinition(store, id, body.definition, body.id !== undefined);
      const doc = await createSegment(store, { ...body, id }); // DuplicateIdError → 409
      if (doc.schedule) {
        try {
          await setSegmentSchedule(producer, id, doc.schedule);
        } catch (error) {
          // Without its scheduler the segment would silently never run: undo and report.
          await deleteSegment(store, id).catch((e) => logger.error({ err: e, segmentId: id }, "undo failed"));
          throw error;
        }
      }
      res.status(201).location(`/v1/segments/${id}`).json(segmentView(doc));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/segments",
    scope: "read",
    tag: "segments",
    summary: "All segments",
    responses: { 200: ["segments", SegmentListResponse] },
    async handle(_input, { store }, res) {
      const segments = await listSegments(store);
      res.json({ segments: segments.map(segmentView) });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/segments/:id",
    scope: "read",
    tag: "segments",
    summary: "One segment",
    params,
    responses: { 200: ["the segment", SegmentResponse], 404: "unknown segment" },
    async handle({ params: { id } }, { store }, res) {
      const doc = await getSegment(store, id);
      if (!doc) throw segmentNotFound(id);
      res.json(segmentView(doc));
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/segments/:id",
    scope: "write",
    tag: "segments",
    summary: "Change a segment's name, definition, streaming flag or schedule",
    params,
    body: UpdateSegmentBody,
    responses: {
      200: ["the stored segment", SegmentResponse],
      400: "invalid input or definition",
      404: "unknown segment",
    },
    async handle({ params: { id }, body: patch }, { store, producer }, res) {
      if (!(await getSegment(store, id))) throw segmentNotFound(id);
      if (patch.definition !== undefined) await assertDefinition(store, id, patch.definition);
      const doc = await updateSegment(store, id, patch);
      if (!doc) throw segmentNotFound(id);
      if (patch.schedule !== undefined) await setSegmentSchedule(producer, id, patch.schedule);
      res.json(segmentView(doc));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/segments/:id",
    scope: "write",
    tag: "segments",
    summary: "Delete a segment (and its schedule)",
    params,
    responses: { 204: "deleted", 404: "unknown segment", 409: "other segments read it (named)" },
    async handle({ params: { id } }, { store, producer }, res) {
      if (!(await getSegment(store, id))) throw segmentNotFound(id);
      const dependents = await dependentsOf(store, id);
      if (dependents.length > 0) {
        throw new AppError(
          "conflict",
          `segment ${JSON.stringify(id)} is read (inSegment) by ${dependents.map((d) => JSON.stringify(d)).join(", ")}: change or delete those first`,
          { dependents },
        );
      }
      // The scheduler goes first: a scheduler left behind would start runs of a segment that is gone.
      await setSegmentSchedule(producer, id, null);
      if (!(await deleteSegment(store, id))) throw segmentNotFound(id);
      res.status(204).end();
    },
  }),
];
