/**
 * Webhook destinations of the membership feed (README.md, "Destinations (webhooks)"): register,
 * read, change and delete them; list a destination's dead letters and replay them. Secrets are
 * stored and never answered. Rules are packages/destinations'; replays are queued here.
 */
import {
  DeadLetterListResponse,
  DestinationListResponse,
  DestinationResponse,
  ReplayResponse,
} from "@segflow/api-contract";
import {
  changeDestination,
  deadLetter,
  deadLetters,
  type Replayed,
  registerDestination,
  removeDestination,
  replayAllDeadLetters,
  replayDeadLetter,
  requireDestination,
} from "@segflow/destinations";
import { listDestinations } from "@segflow/store";
import type { AppDeps } from "../deps.js";
import { defineRoute } from "../http/route.js";
import { IdParams } from "../http/schemas.js";
import { redisCall } from "../http/timeout.js";
import { CreateDestinationBody, DeadLetterQuery, DeliveryParams, UpdateDestinationBody } from "./schemas.js";
import { deadLetterView, destinationView } from "./views.js";

const params = IdParams("destination id");

/**
 * A fresh deliver job per replayed delivery. When one cannot be queued, it and those after it go
 * back among the dead letters (with the error each died with): none waits pending with no job.
 */
async function queueReplays({ producer, store, config }: AppDeps, replayed: Replayed[]) {
  const retry = { attempts: config.DESTINATION_ATTEMPTS, backoffMs: config.DESTINATION_BACKOFF_MS };
  const out = [];
  for (const [i, r] of replayed.entries()) {
    try {
      const jobId = await redisCall(producer.replayDelivery(r.deliveryId, r.replay, retry), "replay job");
      out.push({ deliveryId: r.deliveryId, jobId, replay: r.replay, changes: r.changes });
    } catch (error) {
      for (const left of replayed.slice(i)) {
        await deadLetter(store, left.deliveryId, left.lastError ?? "replay could not be queued");
      }
      throw error;
    }
  }
  return out;
}

export const destinationRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/destinations",
    scope: "admin",
    tag: "destinations",
    summary: "Register a webhook destination of the membership feed",
    body: CreateDestinationBody,
    responses: {
      201: ["the stored destination (without its secret)", DestinationResponse],
      400: "invalid input (the field is named)",
      404: "a named segment does not exist (its position is named)",
      409: "a destination with this id exists",
    },
    async handle({ body }, { store }, res) {
      const doc = await registerDestination(store, body);
      res.status(201).location(`/v1/destinations/${doc._id}`).json(destinationView(doc));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/destinations",
    scope: "admin",
    tag: "destinations",
    summary: "All destinations",
    responses: { 200: ["destinations", DestinationListResponse] },
    async handle(_input, { store }, res) {
      res.json({ destinations: (await listDestinations(store)).map(destinationView) });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/destinations/:id",
    scope: "admin",
    tag: "destinations",
    summary: "One destination",
    params,
    responses: { 200: ["the destination", DestinationResponse], 404: "unknown destination" },
    async handle({ params: { id } }, { store }, res) {
      res.json(destinationView(await requireDestination(store, id)));
    },
  }),
  defineRoute({
    method: "put",
    path: "/v1/destinations/:id",
    scope: "admin",
    tag: "destinations",
    summary: "Change a destination's URL, secret or segments (null: every segment)",
    params,
    body: UpdateDestinationBody,
    responses: {
      200: ["the stored destination", DestinationResponse],
      400: "invalid input",
      404: "unknown destination, or a named segment does not exist",
    },
    async handle({ params: { id }, body }, { store }, res) {
      res.json(destinationView(await changeDestination(store, id, body)));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/destinations/:id",
    scope: "admin",
    tag: "destinations",
    summary: "Delete a destination; its pending and dead deliveries are dropped",
    params,
    responses: { 204: "deleted", 404: "unknown destination" },
    async handle({ params: { id } }, { store }, res) {
      await removeDestination(store, id);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/destinations/:id/dead-letters",
    scope: "admin",
    tag: "destinations",
    summary: "Deliveries that failed their last attempt, in id order, paged",
    params,
    query: DeadLetterQuery,
    responses: {
      200: ["a page of dead letters", DeadLetterListResponse],
      400: "invalid limit",
      404: "unknown destination",
    },
    async handle({ params: { id }, query }, { store }, res) {
      const page = await deadLetters(store, id, query);
      res.json({ destinationId: id, deadLetters: page.deadLetters.map(deadLetterView), next: page.next });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/destinations/:id/dead-letters/replay",
    scope: "admin",
    tag: "destinations",
    summary: "Replay every dead letter of the destination (each sent again, with fresh attempts)",
    params,
    optionalBody: true,
    responses: { 202: ["the deliveries queued again", ReplayResponse], 404: "unknown destination" },
    async handle({ params: { id } }, deps, res) {
      const replayed = await queueReplays(deps, await replayAllDeadLetters(deps.store, id));
      res.status(202).json({ destinationId: id, replayed });
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/destinations/:id/dead-letters/:deliveryId/replay",
    scope: "admin",
    tag: "destinations",
    summary: "Replay one dead letter (sent again, with fresh attempts)",
    params: DeliveryParams,
    optionalBody: true,
    responses: {
      202: ["the delivery queued again", ReplayResponse],
      404: "unknown destination, or no such delivery of it",
      409: "the delivery is not dead (pending or delivered)",
    },
    async handle({ params: { id, deliveryId } }, deps, res) {
      const replayed = await queueReplays(deps, [await replayDeadLetter(deps.store, id, deliveryId)]);
      res.status(202).json({ destinationId: id, replayed });
    },
  }),
];
