/**
 * The web console (apps/console), built into `apps/console/dist`, served at `/console/` on the
 * API's own origin. Its files are public, like any web page's: every data call the page makes
 * carries the API key (README.md, "The console"). Page URLs (`/console/segments/lapsed`) answer
 * index.html, whose router draws the page; assets have content-hashed names and are cached for
 * good. When the console was not built, `/console/` says so, with the command that builds it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";

export const CONSOLE_PATH = "/console";

/** apps/console/dist, from apps/api/src/console (tsx) and apps/api/dist/console (built) alike. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL("../../../console/dist", import.meta.url));

const NOT_BUILT =
  "The segflow console was not built: run `npm run build` (or `npm run build -w @segflow/console`) " +
  "in the repository, then reload this page.\n";

/** A page URL: its last segment has no extension (a missing `/console/x.js` stays a 404). */
const isPageUrl = (urlPath: string) => !path.posix.basename(urlPath).includes(".");

export function consoleRouter(dir: string = DEFAULT_CONSOLE_DIR): Router {
  const router = express.Router();
  const index = path.join(dir, "index.html");

  // `/console` → `/console/`, so that the page's relative URLs resolve under it. (Express matches
  // `/console/` here too: that one goes on.)
  router.get(CONSOLE_PATH, (req, res, next) => {
    const rest = req.originalUrl.slice(CONSOLE_PATH.length);
    if (rest.startsWith("/")) return next();
    res.redirect(301, `${CONSOLE_PATH}/${rest}`);
  });
  // Hashed file names: a new build has new names, so a cached asset is never stale.
  router.use(
    `${CONSOLE_PATH}/assets`,
    express.static(path.join(dir, "assets"), {
      immutable: true,
      maxAge: "365d",
      index: false,
      fallthrough: true,
    }),
  );
  router.use(CONSOLE_PATH, express.static(dir, { index: false, fallthrough: true }));
  router.use(CONSOLE_PATH, (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!existsSync(index)) {
      res.status(404).type("text/plain").send(NOT_BUILT);
      return;
    }
    if (!isPageUrl(req.path)) {
      res.status(404).type("text/plain").send(`no console file at ${CONSOLE_PATH}${req.path}\n`);
      return;
    }
    // index.html names the current assets: never cached, so a new build is picked up at once.
    res.setHeader("cache-control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
