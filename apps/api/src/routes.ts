/**
 * Every route of the API, in one table: the app mounts it (app.ts), the OpenAPI document is
 * built from it, and routes.test.ts checks both against it. A new route goes into its
 * resource's `routes.ts` and is listed here through that resource's array.
 */
import { destinationRoutes } from "./destinations/routes.js";
import { evaluationRoutes } from "./evaluations/routes.js";
import { eventRoutes } from "./events/routes.js";
import { fieldRoutes } from "./fields/routes.js";
import { openApiDocument } from "./http/openapi.js";
import type { AnyRoute } from "./http/route.js";
import { modelRoutes } from "./models/routes.js";
import { healthRoutes } from "./ops/health.js";
import { profileRoutes } from "./profiles/routes.js";
import { scheduleRoutes } from "./schedules/routes.js";
import { segmentRoutes } from "./segments/routes.js";
import { segmentToolRoutes } from "./segments/tool-routes.js";

/** In mounting order: `/v1/segments/validate` before `/v1/segments/:id`. */
export const API_ROUTES: readonly AnyRoute[] = [
  ...healthRoutes,
  ...profileRoutes,
  ...eventRoutes,
  ...segmentToolRoutes,
  ...segmentRoutes,
  ...evaluationRoutes,
  ...scheduleRoutes,
  ...modelRoutes,
  ...fieldRoutes,
  ...destinationRoutes,
];

export function buildOpenApiDocument() {
  return openApiDocument(API_ROUTES);
}
