/**
 * What the console's browser tests need around a playwright-core page: every console error and
 * page error collected (the tests fail on any), a screenshot per page into the git-ignored
 * e2e/screenshots/, and waiting for what a person would wait for.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@segflow/testing";

export const SCREENSHOTS = fileURLToPath(new URL("screenshots/", import.meta.url));

/** Collects the page's console errors and uncaught errors, each with the URL it happened at. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    errors.push(`console error at ${page.url()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) =>
    errors.push(`page error at ${page.url()}: ${error.stack ?? error.message}`),
  );
  return errors;
}

/** Saves the whole page as `e2e/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The element with this `data-testid`. */
export function byTestId(scope: Page | Locator, id: string): Locator {
  return scope.locator(`[data-testid="${id}"]`);
}

/** Retries `check` until it stops throwing, then returns its result; else throws its last error. */
export async function eventually<T>(what: string, check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: still failing after ${timeoutMs} ms: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The visible text of an element once it is visible, whitespace collapsed. */
export async function textOf(locator: Locator, timeoutMs = 15_000): Promise<string> {
  await locator.first().waitFor({ state: "visible", timeout: timeoutMs });
  // biome-ignore lint/performance/useDomNodeTextContent: playwright's innerText, the text as rendered (table cells apart), not the DOM's
  return (await locator.first().innerText()).replace(/\s+/g, " ").trim();
}

/** The text of a CodeMirror editor, its lines joined by newlines. */
export async function editorText(editor: Locator): Promise<string> {
  return (await editor.locator(".cm-line").allInnerTexts()).join("\n");
}

/** Replaces a CodeMirror editor's text as typing would (select all, then insert). */
export async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  const content = editor.locator(".cm-content");
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}
