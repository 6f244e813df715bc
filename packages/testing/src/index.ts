// @segflow/testing: local services and test isolation helpers; dev only.

export { Api } from "./api-client.js";
export { type Browser, type Locator, launchChromium, type Page } from "./browser.js";
export { mongoUrlWithDatabase, uniqueName } from "./isolation.js";
export type { MongoKind } from "./mongo.js";
export { freePort } from "./ports.js";
export { type PrivateFerretdb, startPrivateFerretdb } from "./private-ferretdb.js";
export { type PrivateRedis, startPrivateRedis } from "./private-redis.js";
export { type Running, start as startSegflow, waitFor } from "./segflow-processes.js";
export { ensureServices, type Services, stopServices } from "./services.js";
export type { ServiceOptions } from "./settings.js";
