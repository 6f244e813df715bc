/**
 * Security headers (security-headers.ts; SECURITY.md, "Security headers"): every answer carries
 * helmet's headers and the Content Security Policy, the pages (console, docs, Bull Board) and
 * errors included; and the pages still load under that policy: each script and stylesheet they
 * name is same-origin (or an origin the policy lists) and is served, and no inline script runs.
 *
 * Checked failing without the protection: with `app.use(securityHeaders())` removed from app.ts
 * every row of "every answer" failed (no content-security-policy); with `script-src` narrowed to
 * `'none'` (a policy under which the pages' scripts would not run) they failed too. Bull Board's
 * row failed until its own Express app stopped sending X-Powered-By (ops/bull-board.ts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KEY, startTestApi, type TestApi } from "../testing/harness.js";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi("api_security_headers");
});
afterAll(async () => {
  await api?.close();
});

/** The directives of a Content-Security-Policy header. */
function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

const expectHeaders = (headers: Headers) => {
  const csp = directives(headers.get("content-security-policy"));
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("script-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
  expect(headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(headers.get("x-powered-by")).toBeNull();
};

describe("every answer", () => {
  // [path, key, status]
  const rows: [string, string | null, number][] = [
    ["/healthz", null, 200],
    ["/console/", null, 200],
    ["/console/segments", null, 200],
    ["/docs/", KEY, 200],
    ["/admin/queues", KEY, 200],
    ["/openapi.json", KEY, 200],
    ["/v1/segments", KEY, 200],
    ["/v1/segments", null, 401],
    ["/v1/nothing-here", KEY, 404],
  ];
  test.each(rows)("%s (key %s) → %i", async (path, key, status) => {
    const r = await api.request("GET", path, { key });
    expect(r.status).toBe(status);
    expectHeaders(r.headers);
  });
});

/** What a page loads: its scripts (inline ones too) and stylesheets. */
function resources(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attrs: m[1] ?? "",
    src: /\bsrc=["']([^"']+)["']/.exec(m[1] ?? "")?.[1],
    inline: (m[2] ?? "").trim(),
  }));
  const styles = [...html.matchAll(/<link\b[^>]*rel=["']stylesheet["'][^>]*>/g)].map(
    (m) => /\bhref=["']([^"']+)["']/.exec(m[0])?.[1] ?? "",
  );
  return { scripts, styles };
}

describe("the pages load under the policy", () => {
  // [page, its content type, a text it shows]
  const pages: [string, string][] = [
    ["/console/", "segflow console"],
    ["/docs/", "swagger-ui"],
    ["/admin/queues", "__UI_CONFIG__"],
  ];
  test.each(pages)("%s", async (path, marker) => {
    const page = await api.request("GET", path);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain(marker);
    const csp = directives(page.headers.get("content-security-policy"));
    const baseHref = /<base\b[^>]*href=["']([^"']+)["']/.exec(page.text)?.[1];
    const base = new URL(baseHref ?? path, new URL(path, api.url));
    const { scripts, styles } = resources(page.text);
    expect(scripts.some((s) => s.src)).toBe(true);
    for (const script of scripts) {
      if (!script.src) {
        // Data blocks are not run; anything else inline would be blocked by script-src 'self'.
        expect(script.attrs).toMatch(/type=["']application\/json["']/);
        continue;
      }
      const url = new URL(script.src, base);
      expect(url.origin).toBe(new URL(api.url).origin);
      const r = await api.request("GET", url.pathname);
      expect(r.status, url.pathname).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/javascript/);
    }
    for (const href of styles) {
      const url = new URL(href, base);
      if (url.origin === new URL(api.url).origin) {
        expect((await api.request("GET", url.pathname)).status, url.pathname).toBe(200);
      } else {
        expect(csp.get("style-src")).toContain(url.origin);
      }
    }
  });
});
