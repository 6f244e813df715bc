/**
 * Segment definitions. A definition is checked together with the stored segments (so
 * `inSegment` resolves and cycles are caught) before it is saved; a `schedule` becomes a BullMQ
 * job scheduler.
 */

import { checkDrafts, dependentsOf } from "@segflow/evaluation";
import { SegmentLanguageError } from "@segflow/segment-language";
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from "@segflow/store";
import { Router } from "express";
import type { AppDeps } from "../deps.js";
import { AppError } from "../http/errors.js";
import { parseBody } from "../http/input.js";
import { CreateSegmentBody, UpdateSegmentBody } from "../http/schemas.js";
import { segmentView } from "../http/views.js";
import { setSegmentSchedule } from "../schedules/scheduler.js";
import { generateSegmentId } from "./id.js";

const segmentNotFound = (id: string) => new AppError("not_found", `segment ${JSON.stringify(id)} not found`);

export function segmentRoutes({ store, producer, logger }: AppDeps): Router {
  const router = Router();

  /** 400 with every language error the definition causes, positioned. */
  async function assertDefinition(id: string, definition: string): Promise<void> {
    const { errors } = await checkDrafts(store, [{ id, definition }]);
    if (errors.length > 0) throw new SegmentLanguageError(errors);
  }

  router.post("/v1/segments", async (req, res) => {
    const body = parseBody(CreateSegmentBody, req);
    const id = body.id ?? generateSegmentId(body.name);
    await assertDefinition(id, body.definition);
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
  });

  router.get("/v1/segments", async (_req, res) => {
    const segments = await listSegments(store);
    res.json({ segments: segments.map(segmentView) });
  });

  router.get("/v1/segments/:id", async (req, res) => {
    const doc = await getSegment(store, req.params.id);
    if (!doc) throw segmentNotFound(req.params.id);
    res.json(segmentView(doc));
  });

  router.put("/v1/segments/:id", async (req, res) => {
    const { id } = req.params;
    const patch = parseBody(UpdateSegmentBody, req);
    if (!(await getSegment(store, id))) throw segmentNotFound(id);
    if (patch.definition !== undefined) await assertDefinition(id, patch.definition);
    const doc = await updateSegment(store, id, patch);
    if (!doc) throw segmentNotFound(id);
    if (patch.schedule !== undefined) await setSegmentSchedule(producer, id, patch.schedule);
    res.json(segmentView(doc));
  });

  router.delete("/v1/segments/:id", async (req, res) => {
    const { id } = req.params;
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
  });

  return router;
}
