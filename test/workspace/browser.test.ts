/// <reference lib="dom" />
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listenOnLoopback, type Listening } from "../helpers/listen.ts";
import { type Browser, type Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "../fixtures/chromium.ts";
import { ocrAvailable } from "../fixtures/ocr.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import type { IngestQueue } from "../../src/ingest/queue.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { ANALYZER_VERSION } from "../../src/retrieve/tokenize.ts";
import { handbookPdf } from "./fixtures.ts";

const haveChromium = await chromiumAvailable("workspace browser test");
/** Screenshots for a reviewer; the folder is gitignored. */
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/workspace");
const HWPX = path.resolve(import.meta.dirname, "../fixtures/hwp/hwpxlib-tool_textextractor_ParaHead.hwpx");
/** A one-page scan with no text layer (test/fixtures/hostile/README.md says how it was made). */
const SCAN = path.resolve(import.meta.dirname, "../fixtures/hostile/scanned-korean.pdf");
const haveOcr = await ocrAvailable("workspace OCR viewer test");

let root: string;
let jikji: Jikji;
let queue: IngestQueue;
let server: Listening | undefined;
let browser: Browser;
let base: string;
let editorKey: string;
let readerKey: string;
let pdfFile: string;

beforeAll(async () => {
  if (!haveChromium) return;
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-workspace-"));
  await fs.mkdir(ARTIFACTS, { recursive: true });
  pdfFile = path.join(root, "취업규칙.pdf");
  await fs.writeFile(pdfFile, await handbookPdf());
  jikji = await openJikji(loadConfig({}, { dataDir: path.join(root, "data") }), { scanIndex: false });
  // Documents uploaded without groups are read by the collection's default groups.
  await jikji.store.ensureCollection("default");
  await jikji.store.setCollectionDefaultGroups("default", ["staff"]);
  editorKey = (await createKey(jikji.accessStore, { name: "librarian", role: "editor", groups: ["staff"], collections: null, expiresInMs: null })).key;
  readerKey = (await createKey(jikji.accessStore, { name: "staff", role: "reader", groups: ["staff"], collections: null, expiresInMs: null })).key;
  let app;
  ({ app, queue } = createServerApp(jikji, { maxUploadBytes: 8 * 1024 * 1024 }));
  server = await listenOnLoopback(app.fetch);
  base = server.base;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  if (!haveChromium) return;
  await browser?.close();
  await server?.close();
  await queue?.idle();
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

/** A page signed in with `key`; every request it makes to another origin fails the test. */
async function signedIn(key: string, options: { locale: string; width?: number; height?: number }): Promise<Page> {
  const page = await browser.newPage({ locale: options.locale, viewport: { width: options.width ?? 1440, height: options.height ?? 900 } });
  if (process.env.JIKJI_TEST_CONSOLE) page.on("console", (message) => console.log("[page]", message.type(), message.text()));
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("blob:") && !request.url().startsWith("data:")) {
      throw new Error(`external request: ${request.url()}`);
    }
  });
  await page.goto(`${base}/workspace`);
  await page.waitForSelector("#signin:not([hidden])");
  await page.fill("#key", key);
  await page.press("#key", "Enter");
  await page.waitForSelector("#main:not([hidden])");
  return page;
}

async function ask(page: Page, question: string): Promise<void> {
  const before = await page.locator(".msg.assistant").count();
  await page.fill("#q", question);
  await page.press("#q", "Enter");
  await page.waitForSelector(`.msg.assistant:nth-of-type(${(before + 1) * 2}):not([aria-busy])`, { timeout: 60_000 });
}

describe.runIf(haveChromium)("the workspace in Chromium", () => {
  it("uploads a PDF and an HWPX with per-file progress to done, then answers in Korean and opens the cited page", async () => {
    const page = await signedIn(editorKey, { locale: "ko-KR" });
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    await page.click("#tabLibrary");
    await page.setInputFiles("#files", [pdfFile, HWPX]);
    await page.waitForSelector('#uploads li[data-file="취업규칙.pdf"][data-status]', { timeout: 90_000 });
    await page.waitForSelector(`#uploads li[data-file="${path.basename(HWPX)}"][data-status]`, { timeout: 90_000 });
    const statuses = await page.$$eval("#uploads li", (items) => items.map((item) => [item.dataset.file, item.dataset.status, item.textContent]));
    expect(statuses.map(([file, status]) => [file, status]).sort()).toEqual([
      [path.basename(HWPX), "succeeded"],
      ["취업규칙.pdf", "succeeded"],
    ]);
    await page.waitForSelector('#documents tr[data-source="취업규칙.pdf"]');
    const row = await page.textContent('#documents tr[data-source="취업규칙.pdf"]');
    expect(row).toContain("pdf");
    expect(row).toContain("준비됨");
    await page.screenshot({ path: path.join(ARTIFACTS, "library-ko-1440.png"), fullPage: true });

    await page.click("#tabChat");
    expect(await page.textContent('label[for="collection"]')).toBe("컬렉션");
    const sent: unknown[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/v1/chat/completions")) sent.push(request.postDataJSON());
    });
    await ask(page, "연차 휴가는 며칠인가요?");
    const first = page.locator(".msg.assistant").first();
    expect(await first.getAttribute("data-streamed")).toBe("true");
    expect(await first.locator(".text").textContent()).toContain("15일");
    expect(await first.locator(".mode").textContent()).toContain("발췌");
    const cite = first.locator(".cite", { hasText: "취업규칙.pdf" }).first();
    expect(await cite.textContent()).toContain("2쪽");
    await cite.click();
    await page.waitForSelector('#viewerBody .page-wrap[data-page="2"][data-ready]', { timeout: 60_000 });
    expect(await page.textContent("#viewerWhere")).toContain("2쪽");
    expect(await page.textContent("#pageLabel")).toBe("2 / 3쪽");
    expect(Number(await page.getAttribute("#viewerBody .page-wrap", "data-highlights"))).toBeGreaterThan(0);
    const highlighted = await page.$$eval("#viewerBody .hl", (boxes) => boxes.map((box) => box.getAttribute("data-text")).join(""));
    expect(highlighted.replace(/\s/g, "")).toContain("15일");
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-pdf-ko-1440.png"), fullPage: true });

    // Page navigation moves off the cited page, and the highlight stays with the cited page.
    await page.click("#nextPage");
    await page.waitForSelector('#viewerBody .page-wrap[data-page="3"][data-ready]');
    expect(await page.getAttribute("#viewerBody .page-wrap", "data-highlights")).toBe("0");

    // A follow-up goes in the same conversation: the earlier question and answer are sent with it.
    await ask(page, "출장비는 어떻게 청구하나요?");
    expect(await page.locator(".msg.assistant").count()).toBe(2);
    const followUp = sent.at(-1) as { messages: Array<{ role: string; content: string }> };
    expect(followUp.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(followUp.messages[0]!.content).toBe("연차 휴가는 며칠인가요?");
    expect(await page.locator(".msg.assistant").nth(1).locator(".text").textContent()).toContain("영수증");
    await page.screenshot({ path: path.join(ARTIFACTS, "chat-follow-up-ko-1440.png"), fullPage: true });

    // Regenerate asks the latest question again in place, with the same history.
    await page.locator(".msg.assistant").nth(1).locator(".regenerate").click();
    await page.waitForSelector(".msg.assistant:nth-of-type(4)[data-mode]:not([aria-busy])");
    expect(await page.locator(".msg.user").count()).toBe(2);
    expect((sent.at(-1) as { messages: unknown[] }).messages).toEqual(followUp.messages);
    await page.close();
  }, 240_000);

  it("answers in English, says the mode plainly, and switches language on request", async () => {
    const page = await signedIn(editorKey, { locale: "en-US" });
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await ask(page, "How many days of annual leave?");
    const answer = page.locator(".msg.assistant").first();
    expect(await answer.getAttribute("data-streamed")).toBe("true");
    expect(await answer.locator(".text").textContent()).toMatch(/fifteen days/i);
    expect(await answer.locator(".mode").textContent()).toMatch(/^Extractive/);
    await page.screenshot({ path: path.join(ARTIFACTS, "chat-en-1440.png"), fullPage: true });
    await page.click("#lang");
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    expect(await page.textContent("#tabLibrary")).toBe("문서함");
    await page.close();
  }, 120_000);

  it("says 'not found' once when nothing supports an answer", async () => {
    const page = await signedIn(editorKey, { locale: "en-US" });
    await ask(page, "qqzxv wombat telescope?");
    const answer = page.locator(".msg.assistant").first();
    expect(await answer.getAttribute("data-grounded")).toBe("false");
    expect(await answer.locator(".error, p.muted").count()).toBe(0);
    expect((await answer.locator(".text").textContent())!.trim().length).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it("says under an answer which of the question's words no document holds, in the page's language", async () => {
    const page = await signedIn(editorKey, { locale: "ko-KR" });
    // The server's side (which words, when) is test/answer/ask.test.ts's; here, what the page makes of `jikji.missing`.
    const event = (body: Record<string, unknown>) =>
      `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 0, model: "extractive", ...body })}\n\n`;
    const delta = (content: string) => event({ choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] });
    const streamed = (missing: string[] | undefined) =>
      delta("연차 휴가는 사용하려는 날의 3일 전까지 신청합니다. [1]") +
      event({
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }],
        citations: [],
        jikji: { mode: "extractive", grounded: true, ...(missing ? { missing } : {}) },
      }) +
      "data: [DONE]\n\n";
    await page.route("**/v1/chat/completions", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: streamed(["재택근무"]) }));
    await ask(page, "재택근무 신청은 어떻게 하나요?");
    const noted = page.locator(".msg.assistant").last();
    expect(await noted.locator(".missing").textContent()).toBe("문서에 없는 말: 재택근무 — 답은 질문의 나머지 말로 찾은 내용입니다.");
    await page.unroute("**/v1/chat/completions");
    await page.route("**/v1/chat/completions", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: streamed(undefined) }));
    await ask(page, "연차 휴가 신청은 어떻게 하나요?");
    expect(await page.locator(".msg.assistant").last().locator(".missing").count()).toBe(0);
    await page.close();
  }, 120_000);

  it("fits a 390 px phone, with the viewer over the chat", async () => {
    const page = await signedIn(editorKey, { locale: "ko-KR", width: 390, height: 844 });
    await ask(page, "연차 휴가는 며칠인가요?");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, "chat-ko-390.png"), fullPage: true });
    await page.locator(".cite", { hasText: "취업규칙.pdf" }).first().click();
    await page.waitForSelector("#viewerBody .page-wrap[data-ready]", { timeout: 60_000 });
    const box = await page.locator("#viewer").boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-ko-390.png") });
    await page.keyboard.press("Escape");
    expect(await page.isHidden("#viewer")).toBe(true);
    await page.click("#tabLibrary");
    await page.waitForSelector('#documents tr[data-source="취업규칙.pdf"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, "library-ko-390.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("opens a shared viewer link after asking the viewer to sign in", async () => {
    const document_ = (await jikji.store.listDocuments({ limit: 10, offset: 0 })).find((d) => d.source === "취업규칙.pdf")!;
    const link = `${base}/workspace#doc=${document_.id}&page=2&source=${encodeURIComponent("취업규칙.pdf")}&quote=${encodeURIComponent("연차 휴가는 입사 1년 후 15일이 주어집니다.")}`;
    const page = await browser.newPage({ locale: "ko-KR" });
    await page.goto(link);
    await page.waitForSelector("#signin:not([hidden])");
    expect(await page.isHidden("#viewer")).toBe(true);
    await page.fill("#key", readerKey);
    await page.press("#key", "Enter");
    await page.waitForSelector('#viewerBody .page-wrap[data-page="2"][data-ready]', { timeout: 60_000 });
    expect(Number(await page.getAttribute("#viewerBody .page-wrap", "data-highlights"))).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it("shows a reader no upload or delete controls, and the API refuses them too", async () => {
    const page = await signedIn(readerKey, { locale: "ko-KR" });
    await page.click("#tabLibrary");
    await page.waitForSelector('#documents tr[data-source="취업규칙.pdf"]');
    expect(await page.isHidden("#drop")).toBe(true);
    expect(await page.isHidden("#uploads")).toBe(true);
    expect(await page.locator("#documents .delete").count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "library-reader-ko-1440.png"), fullPage: true });
    const id = (await jikji.store.listDocuments({ limit: 10, offset: 0 })).find((d) => d.source === "취업규칙.pdf")!.id;
    const status = await page.evaluate(async (url) => (await fetch(url, { method: "DELETE", headers: { authorization: "Bearer " + sessionStorage.getItem("jikji.key") } })).status, `/v1/documents/${id}`);
    expect(status).toBe(403);
    await page.close();
  }, 120_000);

  it("shows a Markdown source as its extracted text at the cited place, with the section path and the quote marked", async () => {
    const collectionId = await jikji.store.ensureCollection("policies");
    const markdown = "# 복무 규정\n\n## 재택 근무\n\n재택 근무는 주 2회까지 허용됩니다. <img src=x onerror=alert(1)>\n\n## 보안\n\n노트북은 퇴근 시 잠금 보관합니다.";
    await ingestFile(jikji, { collectionId, collection: "policies", source: "복무.md", bytes: new TextEncoder().encode(markdown), accessGroups: ["staff"] });
    const page = await signedIn(readerKey, { locale: "ko-KR" });
    await page.selectOption("#collection", "policies");
    await ask(page, "재택 근무는 주 몇 회인가요?");
    await page.locator(".cite", { hasText: "복무.md" }).first().click();
    await page.waitForSelector("#viewerBody .extract mark");
    expect((await page.textContent("#viewerBody .extract mark"))!.replace(/\s/g, "")).toContain("주2회");
    expect(await page.textContent("#viewerBody .extract .cited")).toContain("재택 근무는");
    expect(await page.textContent("#viewerBody .extract")).toContain("복무 규정 > 재택 근무");
    // Document text is text: the markup in it is shown, never run or parsed.
    expect(await page.locator("#viewerBody img").count()).toBe(0);
    expect(await page.isHidden("#pager")).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-markdown-ko-1440.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("says why an upload failed in the page's language, with the server's detail after it", async () => {
    const broken = path.join(root, "깨진.pdf");
    const photo = path.join(root, "사진.png");
    await fs.copyFile(path.resolve(import.meta.dirname, "../fixtures/hostile/truncated.pdf"), broken);
    await fs.copyFile(path.resolve(import.meta.dirname, "../fixtures/hostile/png-named.pdf"), photo);
    const page = await signedIn(editorKey, { locale: "ko-KR" });
    await page.click("#tabLibrary");
    await page.setInputFiles("#files", [broken, photo]);
    const reason = async (file: string) => {
      await page.waitForSelector(`#uploads li[data-file="${file}"][data-status="failed"] .reason`, { timeout: 90_000 });
      return page.textContent(`#uploads li[data-file="${file}"] .reason`);
    };
    // The job's failure (the file was accepted, then could not be read) and the upload's refusal (415).
    expect(await reason("깨진.pdf")).toMatch(/^문서를 읽을 수 없습니다: 깨진\.pdf is not a valid PDF/);
    expect(await reason("사진.png")).toMatch(/^읽을 수 없는 파일 형식입니다: 사진\.png is a PNG image/);
    await page.close();
  }, 120_000);

  it("says in Korean when the server is down, answers a proxy's HTML error, or refuses a file too large; keeps focus in the question", async () => {
    const page = await signedIn(editorKey, { locale: "ko-KR" });
    const errorOfLastAnswer = async () => {
      await page.waitForSelector(".msg.assistant:last-of-type:not([aria-busy]) .error", { timeout: 30_000 });
      return page.textContent(".msg.assistant:last-of-type .error");
    };
    await page.route("**/v1/chat/completions", (route) => route.abort("connectionrefused"));
    await page.fill("#q", "연차 휴가는 며칠인가요?");
    await page.press("#q", "Enter");
    expect(await errorOfLastAnswer()).toMatch(/^서버에 연결할 수 없습니다/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.unroute("**/v1/chat/completions");
    await page.route("**/v1/chat/completions", (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>" }));
    await page.fill("#q", "연차 휴가는 며칠인가요?");
    await page.press("#q", "Enter");
    expect(await errorOfLastAnswer()).toMatch(/^서버가 오류로 답했습니다 \(HTTP 502\)/);
    await page.unroute("**/v1/chat/completions");

    // An empty question sends nothing and leaves the cursor where it was.
    const answers = await page.locator(".msg").count();
    await page.fill("#q", "   ");
    await page.press("#q", "Enter");
    expect(await page.locator(".msg").count()).toBe(answers);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");

    const big = path.join(root, "큰파일.txt");
    await fs.writeFile(big, "가".repeat(3 * 1024 * 1024));
    await page.click("#tabLibrary");
    await page.setInputFiles("#files", [big]);
    await page.waitForSelector('#uploads li[data-file="큰파일.txt"][data-status="failed"] .reason', { timeout: 30_000 });
    expect(await page.textContent('#uploads li[data-file="큰파일.txt"] .reason')).toMatch(/^크기 제한을 넘었습니다: /);

    await page.route("**/v1/documents?*", (route) => route.abort("connectionrefused"));
    await page.click("#tabChat");
    await page.click("#tabLibrary");
    await page.waitForFunction(() => (document.getElementById("libraryEmpty")?.textContent ?? "").startsWith("서버에"), null, { timeout: 30_000 });
    const shown = await page.textContent("body");
    for (const raw of ["[object Object]", "Failed to fetch", "TypeError", "NetworkError", "    at "]) expect(shown).not.toContain(raw);
    await page.close();

    // Opening the workspace while the server is down says so under the sign-in form, not "the key is wrong".
    const fresh = await browser.newPage({ locale: "ko-KR" });
    await fresh.route("**/v1/me", (route) => route.abort("connectionrefused"));
    await fresh.goto(`${base}/workspace`);
    await fresh.waitForSelector("#signin:not([hidden])");
    await fresh.waitForFunction(() => (document.getElementById("signinError")?.textContent ?? "").startsWith("서버에 연결할 수 없습니다"), null, { timeout: 30_000 });
    await fresh.close();
  }, 120_000);

  it("continues a stored conversation longer than one request may carry, keeping every earlier message", async () => {
    const owner = "key:staff";
    const conversation = await jikji.store.createConversation({ owner, title: "긴 대화", collection: null });
    const history: Array<{ role: "user" | "assistant"; content: string }> = [];
    for (let i = 0; i < 30; i++) {
      history.push({ role: "user", content: `질문 ${i}: 연차 휴가는 며칠인가요?` });
      await jikji.store.recordExchange(owner, conversation.id, history, { content: `답 ${i}`, mode: "extractive", grounded: false, citations: [] });
      history.push({ role: "assistant", content: `답 ${i}` });
    }
    const page = await signedIn(readerKey, { locale: "ko-KR" });
    await page.click(`#conversations li[data-id="${conversation.id}"] .open`);
    await page.waitForFunction(() => document.querySelectorAll(".msg.assistant").length === 30);
    await ask(page, "출장비는 어떻게 청구하나요?");
    expect(await page.locator(".msg.assistant").last().locator(".error").count()).toBe(0);
    const stored = await jikji.store.conversationMessages(conversation.id);
    expect(stored).toHaveLength(62);
    expect(stored.slice(0, 60).map((message) => message.content)).toEqual(history.map((message) => message.content));
    expect(stored[60]!.content).toBe("출장비는 어떻게 청구하나요?");
    await page.close();
  }, 120_000);

  it("re-ingests from the library and follows the job to done", async () => {
    const page = await signedIn(editorKey, { locale: "en-US" });
    await page.click("#tabLibrary");
    await page.click('#documents tr[data-source="취업규칙.pdf"] .reingest');
    await page.waitForSelector('#uploads li[data-file="취업규칙.pdf"][data-status]', { timeout: 90_000 });
    expect(await page.getAttribute('#uploads li[data-file="취업규칙.pdf"]', "data-status")).toBe("succeeded");
    await page.close();
  }, 120_000);

  it("deletes a document after confirmation, and keeps it when the confirmation is dismissed", async () => {
    const page = await signedIn(editorKey, { locale: "en-US" });
    await page.click("#tabLibrary");
    const hwpx = `#documents tr[data-source="${path.basename(HWPX)}"]`;
    await page.waitForSelector(hwpx);
    page.once("dialog", (dialog) => dialog.dismiss());
    await page.click(`${hwpx} .delete`);
    expect(await page.locator(hwpx).count()).toBe(1);
    page.once("dialog", (dialog) => {
      expect(dialog.type()).toBe("confirm");
      return dialog.accept();
    });
    await page.click(`${hwpx} .delete`);
    await page.waitForSelector(hwpx, { state: "detached" });
    const left = await jikji.store.listDocuments({ limit: 10, offset: 0 });
    expect(left.map((d) => d.source).sort()).toEqual(["복무.md", "취업규칙.pdf"]);
    // Keyboard: focus is visible on the controls (an outline is drawn).
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.close();
  }, 120_000);

  it("keeps conversations per person: listed after a reload, reopened, continued, renamed and deleted", async () => {
    const page = await signedIn(readerKey, { locale: "ko-KR" });
    await ask(page, "연차 휴가는 며칠인가요?");
    await page.waitForSelector("#conversations li .open");
    expect(await page.textContent("#conversations li.current .open")).toBe("연차 휴가는 며칠인가요?");

    // A reload keeps nothing in the page, yet the conversation is there, and opening it shows its answer and sources.
    await page.reload();
    await page.waitForSelector("#main:not([hidden])");
    await page.waitForSelector("#conversations li .open");
    await page.click("#conversations li .open");
    await page.waitForSelector(".msg.assistant .cite");
    expect(await page.locator(".msg.user").count()).toBe(1);
    expect(await page.locator(".msg.assistant .text").first().textContent()).toContain("15일");
    await ask(page, "출장비는 어떻게 청구하나요?");
    const id = await page.getAttribute("#conversations li.current", "data-id");
    const stored = await jikji.store.conversationMessages(id!);
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    await page.screenshot({ path: path.join(ARTIFACTS, "conversations-ko-1440.png"), fullPage: true });

    // Rename in place with the keyboard.
    await page.click("#conversations li.current .rename");
    await page.fill("#conversations .rename-field", "휴가와 출장비");
    await page.press("#conversations .rename-field", "Enter");
    await page.waitForSelector('#conversations li .open:text("휴가와 출장비")');

    // Another person does not see it.
    const other = await signedIn(editorKey, { locale: "ko-KR" });
    expect(await other.locator(`#conversations li[data-id="${id}"]`).count()).toBe(0);
    await other.close();

    page.once("dialog", (dialog) => dialog.accept());
    await page.click(`#conversations li[data-id="${id}"] .remove`);
    await page.waitForSelector(`#conversations li[data-id="${id}"]`, { state: "detached" });
    expect(await jikji.store.getConversation("key:staff", id!)).toBeNull();
    expect(await page.locator(".msg").count()).toBe(0);
    await page.close();
  }, 240_000);

  it("takes a thumbs-down with a comment, kept for admins", async () => {
    const page = await signedIn(readerKey, { locale: "en-US" });
    await ask(page, "How many days of annual leave?");
    const answer = page.locator(".msg.assistant").first();
    await answer.locator(".thumb-down").click();
    await page.waitForSelector(".msg.assistant .feedback[data-rating=down] .feedback-comment:not([hidden])");
    expect(await answer.locator(".thumb-down").getAttribute("aria-pressed")).toBe("true");
    await answer.locator(".feedback-comment input").fill("It should say when the leave starts.");
    await answer.locator(".feedback-comment input").press("Enter");
    await page.waitForSelector(".msg.assistant .feedback[data-commented]");
    await page.screenshot({ path: path.join(ARTIFACTS, "feedback-en-1440.png"), fullPage: true });
    const messageId = await answer.getAttribute("data-message-id");
    const rows = (await jikji.store.listFeedback({ limit: 50, offset: 0 })).filter((row) => row.messageId === messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: "down", comment: "It should say when the leave starts.", question: "How many days of annual leave?", owner: "key:staff" });
    await page.close();
  }, 120_000);

  it.runIf(haveOcr)("shows a scanned page's image with its OCR text beside it, the quote marked", async () => {
    const collectionId = await jikji.store.ensureCollection("scans");
    await ingestFile(jikji, { collectionId, collection: "scans", source: "scanned-korean.pdf", bytes: await fs.readFile(SCAN), accessGroups: ["staff"] });
    const page = await signedIn(readerKey, { locale: "ko-KR" });
    await page.selectOption("#collection", "scans");
    await ask(page, "직지심체요절은 어떤 책인가요?");
    await page.locator(".cite", { hasText: "scanned-korean.pdf" }).first().click();
    await page.waitForSelector('#viewerBody .page-wrap[data-page="1"][data-ready]', { timeout: 60_000 });
    expect(await page.locator("#viewerBody canvas").count()).toBe(1);
    expect(await page.textContent("#viewerBody .ocr-text")).toContain("OCR");
    expect(await page.getAttribute("#viewerBody .ocr-text", "data-highlights")).toBe("1");
    expect((await page.textContent("#viewerBody .ocr-text mark"))!.length).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-scan-ko-1440.png"), fullPage: true });
    await page.close();
  }, 180_000);

  it("says a stale search index above everything, in the page's language, and nothing when the index is current", async () => {
    const current = await signedIn(readerKey, { locale: "ko-KR" });
    await current.waitForSelector("#indexNotice[data-checked]", { state: "attached" });
    expect(await current.isHidden("#indexNotice")).toBe(true);
    await current.close();
    // As an index an older jikji built would be: nothing recorded for it, and chunks in the store (an empty store's
    // index has nothing to be stale, and is recorded current).
    const collectionId = await jikji.store.ensureCollection("upgrade");
    await ingestFile(jikji, { collectionId, collection: "upgrade", source: "old.md", bytes: new TextEncoder().encode("# 옛 문서\n\n본문.\n"), accessGroups: ["staff"] });
    await jikji.store.recordIndexBuild("embedded", null);
    await jikji.refreshIndexStatus();
    try {
      for (const [locale, words] of [["ko-KR", "jikji reindex 를 실행하면"], ["en-US", "until an administrator runs jikji reindex"]] as const) {
        const page = await signedIn(readerKey, { locale });
        await page.waitForSelector("#indexNotice:not([hidden])");
        expect(await page.textContent("#indexNotice")).toContain(words);
        await page.screenshot({ path: path.join(ARTIFACTS, `stale-index-${locale}-1440.png`) });
        await page.close();
      }
    } finally {
      await jikji.store.recordIndexBuild("embedded", ANALYZER_VERSION);
      await jikji.refreshIndexStatus();
    }
  });
});
