import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { ingestAssistDocs, RESTRICTED_DOC, RESTRICTED_GROUP } from "../fixtures/assist/corpus.ts";

const AGENT_TOKEN = "agent-token-aaaaaaaaaaaaaaaaaaaaaaaa";
const SUPERVISOR_TOKEN = "supervisor-token-bbbbbbbbbbbbbbbbbbbbbb";
const ADMIN_TOKEN = "admin-token-cccccccccccccccccccccccccc";

let root: string;
let jikji: Jikji;
let server: ReturnType<typeof createServerApp>;
let app: ServerType;
let baseURL: string;

// Response bodies are checked field by field; `any` keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function call(method: string, url: string, token: string, body?: unknown) {
  return server.app.request(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
}

async function openSession(token = AGENT_TOKEN, body: Record<string, unknown> = { collection: "support" }): Promise<string> {
  const response = await call("POST", "/v1/assist/sessions", token, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as Json).id;
}

async function turn(id: string, speaker: string, text: string, final = true, token = AGENT_TOKEN): Promise<Json> {
  const response = await call("POST", `/v1/assist/sessions/${id}/turns`, token, { speaker, text, final });
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-assist-"));
  const config = loadConfig(
    {
      JIKJI_API_TOKENS: JSON.stringify({
        [AGENT_TOKEN]: { name: "agent-desk", groups: ["staff"] },
        [SUPERVISOR_TOKEN]: { name: "supervisor-desk", groups: ["staff", RESTRICTED_GROUP] },
        [ADMIN_TOKEN]: { name: "ops", admin: true },
      }),
    },
    { dataDir: root },
  );
  jikji = await openJikji(config, { scanIndex: false });
  await ingestAssistDocs(jikji);
  server = createServerApp(jikji);
  app = serve({ fetch: server.app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => app.once("listening", () => resolve()));
  baseURL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.close(() => resolve()));
  await server.queue.idle();
  await jikji.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("assist sessions over HTTP", () => {
  it("suggests the shortest verified answer with its article for a noisy Korean turn", async () => {
    const id = await openSession();
    const result = await turn(id, "customer", "음 저기요 어 그 삼만 원 넘으면 배송비 무료인가요");
    expect(result.suggestions).toHaveLength(1);
    const [suggestion] = result.suggestions;
    expect(suggestion).toMatchObject({ kind: "answer", mode: "extractive", text: "주문 금액이 30,000원 이상이면 배송비가 무료입니다." });
    expect(suggestion.confidence).toBeGreaterThan(0);
    expect(suggestion.confidence).toBeLessThanOrEqual(1);
    expect(suggestion.citations[0]).toMatchObject({ source: "배송-안내.md", section: "배송 안내 > 배송비", verified: true });
    expect(suggestion.citations[0].quote).toContain("30,000원 이상이면");
  });

  it("stays silent on a turn the documents do not answer", async () => {
    const id = await openSession();
    expect((await turn(id, "customer", "혹시 오늘 서울 날씨가 어떤지 아세요")).suggestions).toEqual([]);
    expect((await turn(id, "customer", "what's your CEO's name")).suggestions).toEqual([]);
  });

  it("does not repeat a suggestion for the same question, and shows it again when the question changed", async () => {
    const id = await openSession();
    const first = await turn(id, "customer", "비밀번호를 다섯 번 틀렸더니 로그인이 안 돼요");
    expect(first.suggestions).toHaveLength(1);
    const again = await turn(id, "customer", "비밀번호 다섯 번 틀려서 로그인이 안 되는데요");
    expect(again.suggestions).toEqual([]);
    const other = await turn(id, "customer", "회원 탈퇴하면 적립금은 어떻게 돼요");
    expect(other.suggestions).toHaveLength(1);
    expect(other.suggestions[0].text).not.toBe(first.suggestions[0].text);
  });

  it("lets agent statements update the context without suggesting, but answers an agent's question", async () => {
    const id = await openSession();
    expect((await turn(id, "agent", "네 고객님 프리미엄 요금제 확인했습니다")).suggestions).toEqual([]);
    const asked = await turn(id, "agent", "프리미엄 요금제 해외 로밍 데이터가 얼마나 포함되죠?");
    expect(asked.suggestions[0]?.text).toContain("해외 로밍 데이터 하루 1GB");
    const transcript = (await (await call("GET", `/v1/assist/sessions/${id}`, AGENT_TOKEN)).json()) as Json;
    expect(transcript.turns.map((t: Json) => t.speaker)).toEqual(["agent", "agent"]);
    expect(transcript.turns[1].suggestions).toHaveLength(1);
  });

  it("updates one turn with partial text and keeps the final text in the transcript", async () => {
    const id = await openSession();
    await turn(id, "customer", "해외 배송은", false);
    await turn(id, "customer", "해외 배송은 얼마나 걸려요", false);
    const final = await turn(id, "customer", "해외 배송은 얼마나 걸려요 출고 후에", true);
    const transcript = (await (await call("GET", `/v1/assist/sessions/${id}`, AGENT_TOKEN)).json()) as Json;
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({ text: "해외 배송은 얼마나 걸려요 출고 후에", final: true });
    // Shown once, while the customer was still talking, and not again for the final text.
    const shown = transcript.turns[0].suggestions;
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(final.suggestions).toEqual([]);
  });

  it("never suggests a document the caller may not read, even when the session asks for its group", async () => {
    const question = "불만 고객에게 적립금 보상은 최대 얼마까지 줄 수 있어요";
    const agentSession = await openSession(AGENT_TOKEN, { collection: "support", accessGroups: ["staff", RESTRICTED_GROUP] });
    const agent = await turn(agentSession, "customer", question, true, AGENT_TOKEN);
    for (const suggestion of agent.suggestions) {
      expect(suggestion.citations.map((c: Json) => c.source)).not.toContain(RESTRICTED_DOC);
    }
    const supervisorSession = await openSession(SUPERVISOR_TOKEN, { collection: "support" });
    const supervisor = await turn(supervisorSession, "customer", question, true, SUPERVISOR_TOKEN);
    expect(supervisor.suggestions[0]?.citations[0]?.source).toBe(RESTRICTED_DOC);
    expect(supervisor.suggestions[0]?.text).toContain("10,000원");
  });

  it("hides a session from other callers", async () => {
    const id = await openSession(SUPERVISOR_TOKEN);
    const response = await call("POST", `/v1/assist/sessions/${id}/turns`, AGENT_TOKEN, { speaker: "customer", text: "배송비", final: true });
    expect(response.status).toBe(404);
    expect((await call("GET", `/v1/assist/sessions/${id}`, ADMIN_TOKEN)).status).toBe(200);
  });

  it("keeps a session from a stored key that only shares the opener's name", async () => {
    const id = await openSession(AGENT_TOKEN);
    const created = await call("POST", "/v1/keys", ADMIN_TOKEN, { name: "agent-desk", role: "reader", groups: ["staff"] });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as Json;
    expect((await call("GET", `/v1/assist/sessions/${id}`, key)).status).toBe(404);
    expect((await call("GET", `/v1/assist/sessions/${id}`, AGENT_TOKEN)).status).toBe(200);
    expect((await call("POST", `/v1/assist/sessions/${id}/turns`, key, { speaker: "customer", text: "배송비", final: true })).status).toBe(404);
  });

  it("answers bad input with the status and the field", async () => {
    const unknown = await call("POST", "/v1/assist/sessions/3f1c1d7e-0000-4000-8000-000000000000/turns", AGENT_TOKEN, {
      speaker: "customer",
      text: "배송비",
      final: true,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json).error.code).toBe("not_found");

    const id = await openSession();
    const tooLong = await call("POST", `/v1/assist/sessions/${id}/turns`, AGENT_TOKEN, { speaker: "customer", text: "가".repeat(5000), final: true });
    expect(tooLong.status).toBe(413);
    expect(((await tooLong.json()) as Json).error.message).toContain("body.text");
    const hugeBody = await call("POST", `/v1/assist/sessions/${id}/turns`, AGENT_TOKEN, { speaker: "customer", text: "a".repeat(100_000), final: true });
    expect(hugeBody.status).toBe(413);

    const speaker = await call("POST", `/v1/assist/sessions/${id}/turns`, AGENT_TOKEN, { speaker: "caller", text: "배송비", final: true });
    expect(speaker.status).toBe(400);
    expect(((await speaker.json()) as Json).error.message).toContain("body.speaker");

    const closed = await call("POST", `/v1/assist/sessions/${id}/close`, AGENT_TOKEN);
    expect(closed.status).toBe(200);
    const afterClose = await call("POST", `/v1/assist/sessions/${id}/turns`, AGENT_TOKEN, { speaker: "customer", text: "배송비", final: true });
    expect(afterClose.status).toBe(409);
    expect(((await afterClose.json()) as Json).error.code).toBe("conflict");

    const open = await openSession();
    await turn(open, "customer", "배송비가 얼마", false);
    for (const text of ["", "  \n\t "]) {
      const empty = await call("POST", `/v1/assist/sessions/${open}/turns`, AGENT_TOKEN, { speaker: "customer", text, final: true });
      expect(empty.status, JSON.stringify(text)).toBe(400);
      expect(((await empty.json()) as Json).error.message).toMatch(/body\.text: a final turn must not be empty/);
    }
    // The partial text the refused final would have replaced is kept.
    const kept = (await (await call("GET", `/v1/assist/sessions/${open}`, AGENT_TOKEN)).json()) as Json;
    expect(kept.turns.map((t: Json) => t.text)).toEqual(["배송비가 얼마"]);
    const nul = await call("POST", `/v1/assist/sessions/${open}/turns`, AGENT_TOKEN, { speaker: "customer", text: "배송\u0000비", final: true });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as Json).error.message).toMatch(/body\.text.*NUL/);
    for (const body of [{ accessGroups: ["staff\u0000"] }, { collection: "support\u007f" }]) {
      const refused = await call("POST", "/v1/assist/sessions", AGENT_TOKEN, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(((await refused.json()) as Json).error.message).toMatch(/control characters/);
    }
    const badFeedback = await call("POST", `/v1/assist/sessions/${open}/feedback`, AGENT_TOKEN, {
      suggestionId: "3f1c1d7e-0000-4000-8000-000000000000",
      event: "clicked",
      comment: "a\u0000",
    });
    expect(badFeedback.status).toBe(400);

    const badJson = await call("POST", "/v1/assist/sessions", AGENT_TOKEN, "{not json");
    expect(badJson.status).toBe(400);
    const plainText = await server.app.request("/v1/assist/sessions", {
      method: "POST",
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, "content-type": "text/plain" },
      body: JSON.stringify({ collection: "support" }),
    });
    expect(plainText.status).toBe(415);
    const badLanguage = await call("POST", "/v1/assist/sessions", AGENT_TOKEN, { language: "fr" });
    expect(badLanguage.status).toBe(400);
    expect(((await badLanguage.json()) as Json).error.message).toContain("body.language");
  });

  it("stores feedback tied to the suggestion's chunks and summarises it per collection", async () => {
    const id = await openSession();
    const first = (await turn(id, "customer", "카드로 결제했는데 환불하면 언제 들어와요")).suggestions[0];
    const second = (await turn(id, "customer", "회원 탈퇴하면 주문 기록은 얼마나 보관하나요")).suggestions[0];
    expect(first && second).toBeTruthy();
    const send = (suggestionId: string, event: string, comment?: string) =>
      call("POST", `/v1/assist/sessions/${id}/feedback`, AGENT_TOKEN, { suggestionId, event, ...(comment ? { comment } : {}) });
    for (const event of ["displayed", "clicked", "copied", "helpful"]) expect((await send(first.id, event)).status).toBe(201);
    expect((await send(second.id, "displayed")).status).toBe(201);
    expect((await send(second.id, "not_helpful", "오래된 정보")).status).toBe(201);
    expect((await send(first.id, "liked")).status).toBe(400);
    expect((await send("3f1c1d7e-0000-4000-8000-000000000000", "clicked")).status).toBe(404);

    expect((await call("GET", "/v1/assist/feedback?collection=support", AGENT_TOKEN)).status).toBe(403);
    const summary = (await (await call("GET", "/v1/assist/feedback?collection=support", ADMIN_TOKEN)).json()) as Json;
    const [support] = summary.collections;
    expect(support).toMatchObject({ collection: "support", displayed: 2, clicked: 1, copied: 1, helpful: 1, notHelpful: 1, clickRate: 0.5, helpfulRate: 0.5 });
    expect(support.notHelpfulDocuments).toEqual([{ documentId: second.citations[0].documentId, source: "계정-관리.md", count: 1 }]);
  });

  it("lets go of a console's subscription when it disconnects, and goes on serving the session", async () => {
    const hub = server.assist.hub;
    const subscribe = hub.subscribe;
    let active = 0;
    hub.subscribe = (sessionId, listener, onEnd) => {
      active += 1;
      const unsubscribe = subscribe(sessionId, listener, onEnd);
      return () => {
        active -= 1;
        unsubscribe();
      };
    };
    try {
      const id = await openSession();
      for (let i = 0; i < 5; i++) {
        const controller = new AbortController();
        const response = await fetch(`${baseURL}/v1/assist/sessions/${id}/events`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` }, signal: controller.signal });
        const reader = response.body!.getReader();
        let received = "";
        while (!received.includes("event: ready")) received += new TextDecoder().decode((await reader.read()).value);
        controller.abort();
        await reader.cancel().catch(() => {});
      }
      await vi.waitFor(() => expect(active).toBe(0), { timeout: 10_000, interval: 20 });
      expect((await turn(id, "customer", "배송비는 얼마예요")).turn.text).toBe("배송비는 얼마예요");
    } finally {
      hub.subscribe = subscribe;
    }
  });

  it("streams turns and suggestions to a console over Server-Sent Events", async () => {
    const id = await openSession();
    const response = await fetch(`${baseURL}/v1/assist/sessions/${id}/events`, { headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const readUntil = async (marker: string) => {
      while (!received.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil("event: ready");
    const result = await turn(id, "customer", "예약주문한 거 취소할 수 있어요");
    expect(result.suggestions).toHaveLength(1);
    await readUntil("event: suggestions");
    expect(received).toContain("event: turn");
    const data = received
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => JSON.parse(line.slice(5)) as Json);
    const suggestions = data.find((event) => event.type === "suggestions");
    expect(suggestions.suggestions[0].id).toBe(result.suggestions[0].id);
    await call("POST", `/v1/assist/sessions/${id}/close`, AGENT_TOKEN);
    await readUntil("event: closed");
    const { done } = await reader.read();
    expect(done).toBe(true);
  });

  it("deletes sessions past the retention with everything tied to them", async () => {
    const id = await openSession();
    await turn(id, "customer", "배송지 바꿀 수 있나요");
    const removed = await jikji.store.purgeAssistSessions(new Date(Date.now() + 1000));
    expect(removed).toBeGreaterThan(0);
    expect(await jikji.store.getAssistSession(id)).toBeNull();
    expect(await jikji.store.assistTurns(id)).toEqual([]);
  });
});
