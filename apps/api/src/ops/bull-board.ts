/**
 * Bull Board at `/admin/queues`: every queue (runs, shards, propensity), its jobs and progress. It sits
 * behind the API key like everything else (browsers get a Basic prompt: any user, key as
 * password).
 */
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Producer } from "@segflow/queues";
import type { Router } from "express";

export const BULL_BOARD_PATH = "/admin/queues";

export function bullBoardRouter(producer: Producer): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(producer.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "segflow" } },
  });
  const router = serverAdapter.getRouter();
  // Bull Board's own Express app would add X-Powered-By, which the API's answers leave out.
  router.disable?.("x-powered-by");
  return router as Router;
}
