/**
 * @segflow/api as a library: the app without a process, for tests and embedding. The process
 * itself is `src/main.ts` (`npm start`).
 */
export { BODY_LIMIT, createApp } from "./app.js";
export type { AppDeps } from "./deps.js";
export { API_ROUTES, buildOpenApiDocument } from "./routes.js";
