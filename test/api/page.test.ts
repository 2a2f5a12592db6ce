import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listenOnLoopback, type Listening } from "../helpers/listen.ts";
import { type Browser } from "playwright-core";
import { chromiumAvailable, launchChromium } from "../fixtures/chromium.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";

const haveChromium = await chromiumAvailable("page test");

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let server: Listening | undefined;
let browser: Browser;
let base: string;
let readerKey: string;
let editorKey: string;

beforeAll(async () => {
  if (!haveChromium) return;
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-page-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  const add = (source: string, text: string, accessGroups: string[]) =>
    ingestFile(jikji, { collectionId, collection: "default", source, bytes: new TextEncoder().encode(text), accessGroups });
  await add("leave.md", "# 연차 휴가\n\n연차 휴가는 입사 1년 후 15일이 주어집니다.", ["hr"]);
  await add("budget.md", "# 예산\n\n연차 휴가 수당 예산은 재무팀이 관리합니다. 예산표지 qxbudget", ["finance"]);
  readerKey = (await createKey(jikji.accessStore, { name: "hr-portal", role: "reader", groups: ["hr"], collections: null, expiresInMs: null })).key;
  editorKey = (await createKey(jikji.accessStore, { name: "hr-editor", role: "editor", groups: ["hr"], collections: null, expiresInMs: null })).key;
  let app;
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 1024 * 1024 }));
  server = await listenOnLoopback(app.fetch);
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await server?.close();
  await queue?.idle();
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe.runIf(haveChromium)("the page with keys, in Chromium", () => {
  it("signs in with a key kept for the tab only, shows its groups, asks with citations, and signs out", async () => {
    const page = await browser.newPage({ locale: "ko-KR" });
    await page.goto(`${base}/`);
    await page.waitForSelector("#signin:not([hidden])");
    await page.fill("#key", readerKey);
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#who:not([hidden])");
    expect(await page.textContent("#whoText")).toMatch(/hr-portal.*reader.*hr/);

    await page.fill("#q", "연차 휴가는 며칠인가요?");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector(".cite");
    const citations = await page.$$eval(".cite .where", (nodes) => nodes.map((node) => node.textContent ?? ""));
    expect(citations.some((text) => text.includes("leave.md"))).toBe(true);
    expect(await page.content()).not.toContain("qxbudget");

    // Nothing in the documents: "not found" is said once, by the answer itself.
    await page.fill("#q", "양자역학의 불확정성 원리는 누가 발표했나요?");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector("#out .answer");
    const said = await page.$$eval("#out p, #out .answer", (nodes) => nodes.map((node) => node.textContent ?? ""));
    expect(said).toEqual(["문서에서 답을 찾을 수 없습니다."]);
    expect(await page.locator('a[href="/workspace"]').count()).toBe(1);

    // Tab-only: in sessionStorage, never in the URL, localStorage or cookies.
    expect(await page.evaluate(() => sessionStorage.getItem("jikji.key"))).toBe(readerKey);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(readerKey);
    expect(await page.context().cookies()).toEqual([]);

    await page.click("#signout");
    await page.waitForSelector("#signin:not([hidden])");
    expect(await page.evaluate(() => sessionStorage.getItem("jikji.key"))).toBeNull();
    await page.close();
  }, 60_000);

  it("says an upload's progress and failures in Korean on a Korean page, the server's detail after the phrase", async () => {
    const page = await browser.newPage({ locale: "ko-KR" });
    await page.goto(`${base}/`);
    await page.waitForSelector("#signin:not([hidden])");
    await page.fill("#key", editorKey);
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#who:not([hidden])");
    const upload = async (name: string, fixture: string) => {
      await page.setInputFiles("#files", { name, mimeType: "application/octet-stream", buffer: await fs.readFile(path.resolve(import.meta.dirname, "../fixtures/hostile", fixture)) });
      await page.click("#upload button[type=submit]");
    };
    // Accepted, then unreadable in the job.
    await upload("깨진.pdf", "truncated.pdf");
    await page.waitForFunction(() => /실패/.test(document.getElementById("job")?.textContent ?? ""));
    expect(await page.textContent("#job")).toMatch(/^실패 · 1\/1 · 0 쪽 · 0 조각 · 깨진\.pdf: 문서를 읽을 수 없습니다: 깨진\.pdf is not a valid PDF/);
    // Refused at the door (415).
    await upload("사진.png", "png-named.pdf");
    await page.waitForFunction(() => /형식/.test(document.getElementById("job")?.textContent ?? ""));
    expect(await page.textContent("#job")).toMatch(/^읽을 수 없는 파일 형식입니다: 사진\.png is a PNG image/);
    await page.close();
  }, 60_000);

  it("refuses a wrong key and stays signed out", async () => {
    const page = await browser.newPage({ locale: "en-US" });
    await page.goto(`${base}/`);
    await page.waitForSelector("#signin:not([hidden])");
    await page.fill("#key", "jk_wrong-key");
    await page.click("#signin button[type=submit]");
    await page.waitForSelector("#out .error");
    expect(await page.evaluate(() => sessionStorage.getItem("jikji.key"))).toBeNull();
    expect(await page.isHidden("#who")).toBe(true);
    await page.close();
  }, 60_000);
});
