import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { listenOnLoopback, type Listening } from "../helpers/listen.ts";
import { type Browser, type Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "../fixtures/chromium.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { ingestAssistDocs, STAFF_GROUP, TRANSCRIPTS_DIR } from "../fixtures/assist/corpus.ts";
import { createKey } from "../../src/access/keys.ts";

let root: string;
let jikji: Jikji;
let server: Listening | undefined;
let base: string;
let browser: Browser;

const haveChromium = await chromiumAvailable("assist page test");

beforeAll(async () => {
  if (!haveChromium) return;
  root = await fsp.mkdtemp(path.join(os.tmpdir(), "jikji-assist-page-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  await ingestAssistDocs(jikji);
  const { app } = createServerApp(jikji);
  server = await listenOnLoopback(app.fetch);
  base = server.base;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await jikji?.close();
  if (root !== undefined) await fsp.rm(root, { recursive: true, force: true });
});

/** A page that records every request it makes and every script error, so the test can assert none left the server. */
async function openPage(query: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    // The browser's own favicon request is the only 404 allowed; the check below names every failed response.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${base}/assist${query}`);
  return { page, requests, errors };
}

describe.runIf(haveChromium)("the assist page in headless Chromium", () => {
  it("shows the transcript and a suggestion with its source, and stores copy and feedback", async () => {
    const { page, requests, errors } = await openPage("?lang=en");
    expect(await page.locator("h1").textContent()).toBe("jikji agent assist");
    await page.fill("#collection", "support");
    await page.click("#start");
    await page.waitForSelector("#send:not([disabled])");
    await page.fill("#say", "<b>hi</b> um how much is express shipping");
    await page.press("#say", "Enter");

    const card = page.locator(".card").first();
    await card.waitFor();
    expect(await card.locator(".text").textContent()).toBe("Express shipping costs 15 dollars and delivers within 2 business days.");
    expect(await card.locator(".source").first().textContent()).toContain("Shipping · Shipping > Shipping fees");
    // The customer's words are text, never markup.
    const said = page.locator(".turn.customer .said").first();
    expect(await said.textContent()).toBe("<b>hi</b> um how much is express shipping");
    expect(await page.locator(".turn b").count()).toBe(0);

    await card.locator("button.copy").click();
    await card.locator("button.not-helpful").click();
    // Locators, not waitForFunction: the page's CSP forbids the eval a string predicate needs.
    await card.locator(".sent", { hasText: "Feedback saved" }).waitFor();
    const suggestionId = await card.getAttribute("data-suggestion-id");
    const [summary] = await jikji.store.assistFeedbackSummary({ collection: "support" });
    expect(summary).toMatchObject({ displayed: 1, copied: 1, notHelpful: 1 });
    expect((await jikji.store.getAssistSuggestion(suggestionId!))?.text).toContain("Express shipping");

    expect(errors, errors.join("\n")).toEqual([]);
    for (const url of requests) expect(url.startsWith(base)).toBe(true);
    await page.context().close();
  });

  it("replays a transcript file turn by turn in Korean", async () => {
    const { page, requests, errors } = await openPage("?delay=50");
    expect(await page.locator("h1").textContent()).toBe("직지 상담 도우미");
    await page.fill("#collection", "support");
    const file = path.join(TRANSCRIPTS_DIR, "ko-02.jsonl");
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").length;
    await page.setInputFiles("#replay-file", file);
    await page.click("#replay");
    await page.locator("#status", { hasText: "재생 끝" }).waitFor({ timeout: 30_000 });
    expect(await page.locator(".turn").count()).toBe(lines);
    const texts = await page.locator(".card .text").allTextContents();
    expect(texts).toContain("주문 금액이 30,000원 이상이면 배송비가 무료입니다.");
    expect(await page.locator(".card button.copy").first().textContent()).toBe("복사");
    expect(errors, errors.join("\n")).toEqual([]);
    for (const url of requests) expect(url.startsWith(base)).toBe(true);
    await page.context().close();
  });

  // Last: once a key exists, every /v1 call of this store needs one.
  it("says in Korean why a call could not start: the server down, a refused request, a proxy's HTML error", async () => {
    const { page } = await openPage("");
    const statusAfterStart = async () => {
      await page.evaluate(() => {
        const status = document.getElementById("status")!;
        status.textContent = "";
        status.className = "";
      });
      await page.click("#start");
      await page.locator("#status.error").waitFor();
      return page.textContent("#status");
    };
    await page.route("**/v1/assist/sessions", (route) => route.abort("connectionrefused"));
    expect(await statusAfterStart()).toMatch(/^서버에 연결할 수 없습니다/);
    await page.unroute("**/v1/assist/sessions");
    await page.route("**/v1/assist/sessions", (route) =>
      route.fulfill({ status: 400, contentType: "application/json", body: JSON.stringify({ error: { code: "invalid_input", message: "body.collection: must not be empty" } }) }),
    );
    expect(await statusAfterStart()).toBe("요청이 올바르지 않습니다: body.collection: must not be empty");
    await page.unroute("**/v1/assist/sessions");
    await page.route("**/v1/assist/sessions", (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>" }));
    expect(await statusAfterStart()).toMatch(/^서버가 오류로 답했습니다 \(HTTP 502\)/);
    await page.context().close();
  });

  it("works with an API key: the session, its turns and its event stream all send it", async () => {
    const { key } = await createKey(jikji.accessStore, { name: "desk-7", role: "reader", groups: [STAFF_GROUP], collections: null, expiresInMs: null });
    jikji.authenticator.keysChanged();
    const { page, requests, errors } = await openPage("?lang=en");
    await page.fill("#collection", "support");
    await page.click("#start");
    await page.locator("#status.error").waitFor();
    errors.length = 0;

    await page.fill("#key", key);
    await page.dispatchEvent("#key", "change");
    await page.click("#start");
    await page.waitForSelector("#send:not([disabled])");
    await page.fill("#say", "how much is express shipping");
    await page.press("#say", "Enter");
    await page.locator(".card").first().waitFor();
    expect(await page.locator(".card .text").first().textContent()).toBe("Express shipping costs 15 dollars and delivers within 2 business days.");
    // The event stream answered too: a 401 there would be listed among the errors.
    await page.locator(".turn.customer").first().waitFor();
    expect(errors, errors.join("\n")).toEqual([]);
    expect(requests.some((url) => url.includes("/events"))).toBe(true);
    for (const url of requests) expect(url.startsWith(base)).toBe(true);
    await page.context().close();
  });
});
