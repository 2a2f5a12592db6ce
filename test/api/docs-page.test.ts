/**
 * The API reference page in Chromium: it renders every operation of /openapi.json, in Korean or English, without
 * a request to any other origin and without breaking its content security policy.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listenOnLoopback, type Listening } from "../helpers/listen.ts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { chromiumAvailable, launchChromium } from "../fixtures/chromium.ts";

const haveChromium = await chromiumAvailable("API reference page test");

let root: string;
let jikji: Jikji;
let server: Listening | undefined;
let browser: Browser;
let base: string;
let app: ReturnType<typeof createServerApp>;

beforeAll(async () => {
  if (!haveChromium) return;
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-docs-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  app = createServerApp(jikji);
  server = await listenOnLoopback(app.app.fetch);
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await server?.close();
  await app?.queue.idle();
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe.runIf(haveChromium)("the API reference page, in Chromium", () => {
  it("lists every documented operation and schema, asking nothing of another origin", async () => {
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: object } };
    const operations = Object.entries(document.paths).flatMap(([route, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`));

    const page = await browser.newPage({ locale: "ko-KR" });
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
    });
    // A failed load is checked by path below; any other console error (a CSP violation, a script error) fails.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${base}/docs`);
    await page.waitForSelector("section.op");

    const listed = await page.locator("nav a.op-link").allTextContents();
    expect(listed.sort()).toEqual(operations.sort());
    const schemas = await page.locator("section[id^='schema-']").count();
    expect(schemas).toBe(Object.keys(document.components.schemas).length);
    // Korean labels for a Korean browser; the search operation shows its request body's fields.
    expect(await page.locator("h4").first().textContent()).toMatch(/매개변수|요청 본문|응답/);
    const search = page.locator("section#post--v1-search");
    expect(await search.textContent()).toContain("query");
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    // The browser's own favicon request is the only thing that may miss.
    expect(failed.filter((pathname) => pathname !== "/favicon.ico")).toEqual([]);
    await page.close();
  });

  it("speaks English to an English browser", async () => {
    const page = await browser.newPage({ locale: "en-US" });
    await page.goto(`${base}/docs`);
    await page.waitForSelector("section.op");
    expect(await page.locator("h2.tag").first().textContent()).toBe("Security");
    await page.close();
  });
});
