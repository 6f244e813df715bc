/**
 * The web console end to end, driven in headless Chromium (Debian's chromium through
 * playwright-core, packages/testing's launchChromium) against real Redis and MongoDB, the API, a
 * worker and a trainer as separate OS processes, as a person uses it: sign in with the key; write a
 * segment with a typo and see the error at its position; fix it and see an estimate; save; run an
 * evaluation and see the counts; open a model's insights and see its charts drawn; open a profile
 * and why it is in the segment. A screenshot of each page goes to e2e/screenshots/ (git-ignored);
 * any console error or page error in the browser fails the test.
 *
 * The API serves the built console (apps/console/dist): `npm test` builds it first.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SegmentCounts } from "@segflow/api-contract";
import { QueueInspector } from "@segflow/queues";
import { insertEvents, openStore, type Store, upsertProfiles } from "@segflow/store";
import { generatePopulation } from "@segflow/synthetic";
import {
  Api,
  type Browser,
  launchChromium,
  type Page,
  type Running,
  startSegflow,
  waitFor,
} from "@segflow/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  byTestId,
  editorText,
  eventually,
  screenshot,
  setEditorText,
  textOf,
  watchErrors,
} from "./browser-page.js";
import { deploymentEnv } from "./deployment-env.js";

const CONSOLE_DIST = fileURLToPath(new URL("../apps/console/dist/index.html", import.meta.url));
const KEY = "e2e-console-key";
const PROFILES = 2000;
/** A small population: lower the 500/500 example minimums so that it trains (as e2e/propensity does). */
const SMALL_CHECKS = { minPositives: 100, minNegatives: 100 };
const MODEL = {
  id: "churn",
  name: "Churn in 30 days",
  type: "churn",
  goal: "type is not null",
  windowDays: 30,
  attributes: ["loyalty.tier", "plan"],
  dataChecks: SMALL_CHECKS,
};
/** Segments stored before the browser opens, so that lists and runs have something to show. */
const SEEDED_SEGMENTS = [
  { id: "vip", name: "VIP customers", definition: 'tags contains "vip"' },
  {
    id: "recent-buyers",
    name: "Bought in the last 30 days",
    definition: 'exists(events where type = "purchase" and timestamp within last 30 days)',
  },
];
/** The segment written in the editor: a typo on its second line first, then fixed. */
const SEGMENT = { id: "us-gold", name: "Gold members in the US" };
const TYPO = 'loyalty.tier = "gold"\nand country equals "US"';
const FIXED = 'loyalty.tier = "gold"\nand country = "US"';

let store: Store;
let api: Api;
let env: Record<string, string>;
let browser: Browser;
let page: Page;
let errors: string[] = [];
let base: string;
/** Pages the steps reached, seen again at phone width at the end. */
const visited: { name: string; path: string }[] = [];
const procs: Running[] = [];

beforeAll(async () => {
  if (!existsSync(CONSOLE_DIST)) {
    throw new Error(
      `${CONSOLE_DIST} is missing: the API serves the built console. Build it first ` +
        "(`npm run build -w @segflow/console`, or `npm test`, which builds everything).",
    );
  }
  const deployment = await deploymentEnv("e2e_console", KEY, { SHARD_COUNT: "4" });
  env = deployment.env;
  const { mongoUrl, port } = deployment;
  store = await openStore(mongoUrl);
  const people = [...generatePopulation({ profiles: PROFILES, seed: 13, now: new Date() })];
  for (let i = 0; i < people.length; i += 500) {
    const batch = people.slice(i, i + 500);
    await upsertProfiles(
      store,
      batch.map((p) => ({ id: p.id, attributes: p.attributes })),
    );
    const events = batch.flatMap((p) => p.events.map((e) => ({ profileId: p.id, ...e })));
    await insertEvents(store, events, { ensureProfiles: false });
  }
  base = `http://127.0.0.1:${port}`;
  api = new Api(base, KEY);
  const apiProc = startSegflow("api", "api", env);
  procs.push(apiProc, startSegflow("worker", "worker", env), startSegflow("trainer", "trainer", env));
  const [launched] = await Promise.all([
    launchChromium(),
    waitFor("api ready", async () => (await fetch(`${base}/readyz`)).ok, 60_000, apiProc),
  ]);
  browser = launched;
  for (const segment of SEEDED_SEGMENTS) await api.ok("POST", "/v1/segments", segment);
  // Trains while the browser works on segments; the model steps wait for it.
  await api.ok("POST", "/v1/models", MODEL);
  await api.ok("POST", `/v1/models/${MODEL.id}/train`, {});
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
  errors = watchErrors(page);
}, 180_000);

beforeEach(({ onTestFailed, task }) => {
  // What the page showed when a step failed, beside the steps' own screenshots.
  onTestFailed(async () => {
    if (page) await screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`);
  });
});

afterEach(() => {
  // Every step fails on a browser error it caused (and says which).
  const seen = errors.splice(0);
  expect(seen, "browser console errors and page errors").toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(procs.map((p) => p.stop("SIGKILL")));
  if (env) {
    const queues = new QueueInspector(env.REDIS_URL!, env.QUEUE_PREFIX!);
    await queues.obliterate().finally(() => queues.close());
  }
  await store?.db.dropDatabase();
  await store?.close();
});

describe("the console in Chromium", () => {
  it("signs in with the API key, kept for the session and never in the URL", async () => {
    await page.goto(`${base}/console/`);
    await byTestId(page, "signin-key").fill(KEY);
    await byTestId(page, "signin-submit").waitFor();
    await screenshot(page, "01-sign-in");
    await byTestId(page, "signin-key").press("Enter"); // by keyboard
    await page.waitForURL(/\/console\/segments$/);
    // The seeded segments are listed.
    for (const { id } of SEEDED_SEGMENTS) await page.getByText(id, { exact: true }).first().waitFor();
    await screenshot(page, "02-segments");
    expect(page.url()).not.toContain(KEY);
    const stored = await page.evaluate("[JSON.stringify(sessionStorage), JSON.stringify(localStorage)]");
    const [session, local] = stored as [string, string];
    expect(session, "sessionStorage").toContain(KEY);
    expect(local, "localStorage").not.toContain(KEY);
  });

  it("shows a typo's error at its line and column, then an estimate once fixed, and saves", async () => {
    await page.goto(`${base}/console/segments/new`);
    await byTestId(page, "segment-id").fill(SEGMENT.id);
    await byTestId(page, "segment-name").fill(SEGMENT.name);
    const editor = byTestId(page, "segment-editor");
    await setEditorText(page, editor, TYPO);
    expect(await editorText(editor)).toBe(TYPO);

    const { errors: expected } = await api.ok<{ errors: { line: number; column: number }[] }>(
      "POST",
      "/v1/segments/validate",
      { id: SEGMENT.id, definition: TYPO },
    );
    expect(expected[0]?.line, "the typo's line").toBe(2);
    const position = `${expected[0]!.line}:${expected[0]!.column}`;
    await eventually("the error at its position", async () =>
      expect(await textOf(byTestId(page, "segment-error"))).toContain(position),
    );
    await editor.locator(".cm-lintRange-error, .cm-lintRange").first().waitFor({ timeout: 5_000 });
    await screenshot(page, "03-segment-typo");

    await setEditorText(page, editor, FIXED);
    expect(await editorText(editor)).toBe(FIXED);
    await byTestId(page, "segment-error").waitFor({ state: "hidden", timeout: 10_000 });
    const estimate = await eventually("an estimate", async () => {
      const text = await textOf(byTestId(page, "segment-estimate"));
      expect(text).toMatch(/\d+\D+\d+\s*[–-]\s*\d+/); // the estimate and its interval
      return text;
    });
    await screenshot(page, "04-segment-estimate");

    await byTestId(page, "segment-save").click();
    const saved = await eventually("the saved segment", () =>
      api.ok<{ definition: string; name: string }>("GET", `/v1/segments/${SEGMENT.id}`),
    );
    expect(saved).toMatchObject({ definition: FIXED, name: SEGMENT.name });
    expect(estimate).not.toBe("");
  });

  it("starts an evaluation and shows its counts per segment", async () => {
    await byTestId(page, "nav-runs").click();
    await page.waitForURL(/\/console\/runs/);
    await byTestId(page, "run-start").click();
    await page.waitForURL(/\/console\/runs\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    visited.push({ name: "run", path: new URL(page.url()).pathname });
    await eventually(
      "the run to complete",
      async () => expect(await textOf(byTestId(page, "run-status"))).toMatch(/completed/i),
      60_000,
    );
    const run = await api.ok<{ status: string; counts: Record<string, SegmentCounts> }>(
      "GET",
      `/v1/evaluations/${encodeURIComponent(runId)}`,
    );
    expect(run.status).toBe("completed");
    await byTestId(page, "run-counts").waitFor();
    for (const id of [SEGMENT.id, ...SEEDED_SEGMENTS.map((s) => s.id)]) {
      // Cells: the segment, then realized, existing, exited and members.
      const cells = await byTestId(page, `run-count-${id}`).locator("td").allInnerTexts();
      const { realized, existing, exited, total } = run.counts[id]!;
      expect(cells.map((cell) => cell.replace(/\D/g, "")).slice(-4), `counts of ${id}`).toEqual(
        [realized, existing, exited, total].map(String),
      );
    }
    expect(run.counts[SEGMENT.id]!.total, `members of ${SEGMENT.id}`).toBeGreaterThan(0);
    await screenshot(page, "05-run");
    await byTestId(page, "nav-runs").click();
    await page.waitForURL(/\/console\/runs$/);
    await page.getByText(runId).first().waitFor();
    await screenshot(page, "05-runs");
  });

  it("opens a model's insights: lift, calibration and score distribution drawn with data, and its factors", async () => {
    await waitFor(
      `model ${MODEL.id} ready`,
      async () => (await api.ok<{ status: string }>("GET", `/v1/models/${MODEL.id}`)).status === "ready",
      120_000,
    );
    await byTestId(page, "nav-models").click();
    await page.waitForURL(/\/console\/models$/);
    await byTestId(page, `model-row-${MODEL.id}`).waitFor();
    await screenshot(page, "06-models");
    await byTestId(page, `model-row-${MODEL.id}`).click();
    await page.waitForURL(new RegExp(`/console/models/${MODEL.id}$`));
    for (const chart of ["model-chart-lift", "model-chart-calibration", "model-chart-distribution"]) {
      await eventually(`${chart} drawn with data`, async () =>
        expect(await drawnShapes(chart), `shapes drawn in ${chart}`).toBeGreaterThan(0),
      );
    }
    expect(await textOf(byTestId(page, "model-factors"))).not.toBe("");
    await screenshot(page, "07-model-insights");
    visited.push({ name: "model", path: new URL(page.url()).pathname });
  });

  it("finds a profile by id, shows its attributes, events, memberships and their history, and explains a segment", async () => {
    const member = await store.profiles.findOne(
      { [`segmentMembership.${SEGMENT.id}.status`]: { $in: ["realized", "existing"] } },
      { projection: { _id: 1 } },
    );
    expect(member, `a profile in ${SEGMENT.id}`).not.toBeNull();
    const id = member!._id;
    await byTestId(page, "nav-profiles").click();
    await page.waitForURL(/\/console\/profiles$/);
    await byTestId(page, "profile-search").fill(id);
    await byTestId(page, "profile-search-submit").click();
    await page.waitForURL(new RegExp(`/console/profiles/${id}$`));
    expect(await textOf(byTestId(page, "profile-attributes"))).toContain("gold");
    await byTestId(page, "profile-events").waitFor();
    expect(await textOf(byTestId(page, "profile-memberships"))).toContain(SEGMENT.id);
    // The run that put it there recorded the change: at least one entry in its history.
    await eventually(
      "the membership history",
      async () => expect(await textOf(byTestId(page, "profile-membership-history"))).toMatch(/realized/i), // a badge is drawn in capitals
    );
    await screenshot(page, "08-profile");

    await chooseOption(byTestId(page, "profile-explain-segment"), SEGMENT.id);
    const tree = await eventually("the explanation", async () => {
      const text = await textOf(byTestId(page, "profile-explain"));
      expect(text).toContain("loyalty.tier");
      return text;
    });
    expect(tree).toContain("country");
    await screenshot(page, "09-profile-explain");
    visited.push({ name: "profile", path: new URL(page.url()).pathname });
  });

  it("is readable at phone width: no page is wider than the screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const pages = [
      { name: "segments", path: "/console/segments" },
      { name: "segment", path: `/console/segments/${SEGMENT.id}` },
      { name: "runs", path: "/console/runs" },
      ...visited,
    ];
    for (const { name, path } of pages) {
      await page.goto(base + path);
      await page.locator("main, [role=main]").first().waitFor();
      // Settled: pages that poll (a running run, a training model) are never idle for long.
      await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
      await screenshot(page, `phone-${name}`);
      const width = await page.evaluate("document.documentElement.scrollWidth");
      expect(width, `${path} at 390 px wide`).toBeLessThanOrEqual(390);
    }
  });
});

/**
 * Shapes that only data draws inside the chart's SVGs: paths of at least two segments (a line, an
 * area, a bar drawn as a path) and rectangles of some size. Axes and grids draw `line` elements;
 * legend icons are small SVGs of their own, skipped.
 */
function drawnShapes(testId: string): Promise<number> {
  return byTestId(page, testId).evaluate((container) => {
    let shapes = 0;
    for (const svg of container.querySelectorAll("svg")) {
      const frame = svg.getBoundingClientRect();
      if (frame.width < 50 || frame.height < 50) continue;
      for (const shape of svg.querySelectorAll("path, rect")) {
        const box = shape.getBoundingClientRect();
        if (box.width <= 0 && box.height <= 0) continue;
        const segments = (shape.getAttribute("d") ?? "").match(/[LlHhVvCcSsQqTtAa]/g)?.length ?? 0;
        const background = box.width >= frame.width - 1 && box.height >= frame.height - 1;
        if (shape.tagName.toLowerCase() === "rect" ? !background : segments >= 2) shapes++;
      }
    }
    return shapes;
  });
}

/** Picks an option in a native select or in a combobox (a text input with a listbox of options). */
async function chooseOption(select: ReturnType<typeof byTestId>, value: string): Promise<void> {
  await select.waitFor();
  if ((await select.evaluate((el) => el.tagName.toLowerCase())) === "select") {
    await select.selectOption(value);
    return;
  }
  await select.click();
  await page.getByRole("option", { name: value, exact: true }).click();
}
