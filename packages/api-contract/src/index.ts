/**
 * @segflow/api-contract: what the HTTP API answers, as zod schemas and their types: the status
 * enums, the error body and every response body. apps/api builds its answers and its OpenAPI
 * document from them; the CLI reads the answers with their types. Zod only: no I/O, nothing of ours.
 */
export * from "./common.js";
export * from "./destinations.js";
export * from "./evaluations.js";
export * from "./events.js";
export * from "./fields.js";
export * from "./health.js";
export * from "./models.js";
export * from "./profiles.js";
export { named, response, responseSchemas, type SchemaName } from "./registry.js";
export * from "./schedules.js";
export * from "./segments.js";
export * from "./statuses.js";
