import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../../src/access/keys.ts";
import { createServerApp } from "../../src/api/server.ts";
import { loadConfig } from "../../src/config.ts";
import { ingestFile } from "../../src/ingest/ingest.ts";
import { openJikji, type Jikji } from "../../src/runtime.ts";
import { titleFrom } from "../../src/store/conversations.ts";
import { FIELD_LIMITS } from "../../src/api/fields.ts";

let root: string;
let jikji: Jikji;
let app: ReturnType<typeof createServerApp>["app"];
let queue: ReturnType<typeof createServerApp>["queue"];
const keys: Record<string, string> = {};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-conversations-"));
  jikji = await openJikji(loadConfig({}, { dataDir: root }), { scanIndex: false });
  const collectionId = await jikji.store.ensureCollection("default");
  await ingestFile(jikji, {
    collectionId,
    collection: "default",
    source: "규정.md",
    bytes: new TextEncoder().encode(
      "# 규정\n\n## 휴가\n\n연차 휴가는 입사 1년 후 15일이 주어집니다.\n\n## 출장\n\n출장비는 영수증을 붙여 청구합니다.\n\n## Travel\n\nTravel costs are claimed with receipts.",
    ),
    accessGroups: ["staff"],
  });
  for (const [name, role] of [["kim", "reader"], ["lee", "reader"], ["boss", "admin"]] as const) {
    keys[name] = (await createKey(jikji.accessStore, { name, role, groups: role === "admin" ? null : ["staff"], collections: null, expiresInMs: null })).key;
  }
  ({ app, queue } = createServerApp(jikji));
}, 120_000);

afterAll(async () => {
  await queue?.idle();
  await jikji?.close();
  await fs.rm(root, { recursive: true, force: true });
});

function call(method: string, url: string, key: string, body?: unknown) {
  return app.request(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

type Conversation = { id: string; title: string; messages: Array<{ id: string; role: string; content: string; citations?: Array<{ quote: string; page: number | null }>; grounded?: boolean; mode?: string }> };
type Completion = { choices: Array<{ message: { content: string } }>; jikji: { messageId?: string; conversationId?: string } };

async function newConversation(key: string): Promise<string> {
  const res = await call("POST", "/v1/conversations", key, {});
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; title: string };
  expect(res.headers.get("location")).toBe(`/v1/conversations/${body.id}`);
  return body.id;
}

async function chat(key: string, conversationId: string, messages: Array<{ role: string; content: string }>): Promise<Completion> {
  const res = await call("POST", "/v1/chat/completions", key, { messages, conversationId });
  expect(res.status).toBe(200);
  return (await res.json()) as Completion;
}

/** Reads an SSE response's data lines. */
async function events(res: Response): Promise<string[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("\n"))
    .filter(Boolean);
}

describe("conversations kept per person", () => {
  it("stores each exchange the server answered, with its citations, titled by the first question", async () => {
    const id = await newConversation(keys.kim!);
    const first = await chat(keys.kim!, id, [{ role: "user", content: "연차 휴가는 며칠인가요?" }]);
    expect(first.choices[0]!.message.content).toContain("15일");
    expect(first.jikji).toMatchObject({ conversationId: id });
    expect(first.jikji.messageId).toMatch(/^[0-9a-f-]{36}$/);

    // A follow-up carries the history, as the workspace sends it; stored messages are kept, the new ones appended.
    await chat(keys.kim!, id, [
      { role: "user", content: "연차 휴가는 며칠인가요?" },
      { role: "assistant", content: first.choices[0]!.message.content },
      { role: "user", content: "출장비는 어떻게 청구하나요?" },
    ]);
    const stored = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(stored.title).toBe("연차 휴가는 며칠인가요?");
    expect(stored.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(stored.messages[1]!.id).toBe(first.jikji.messageId);
    expect(stored.messages[1]!.citations![0]!.quote).toContain("15일");
    expect(stored.messages[1]).toMatchObject({ mode: "extractive", grounded: true });
    expect(stored.messages[3]!.content).toContain("영수증");
  });

  it("replaces the last answer when it is regenerated, instead of appending a second one", async () => {
    const id = await newConversation(keys.kim!);
    const question = [{ role: "user", content: "Travel costs?" }];
    const once = await chat(keys.kim!, id, question);
    const twice = await chat(keys.kim!, id, question);
    expect(twice.jikji.messageId).not.toBe(once.jikji.messageId);
    const stored = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(stored.messages.map((m) => m.id)).toEqual([stored.messages[0]!.id, twice.jikji.messageId]);
  });

  it("continues a conversation longer than one request may carry: the latest messages with conversationFrom, the rest kept", async () => {
    const id = await newConversation(keys.kim!);
    const history: Array<{ role: string; content: string }> = [];
    for (let i = 0; i < 27; i++) {
      const question = { role: "user", content: `연차 휴가는 며칠인가요? (${i})` };
      // The whole history fits until 50 messages; then only the latest ones are sent, from their stored position.
      const from = Math.max(0, history.length + 1 - 50);
      const res = await call("POST", "/v1/chat/completions", keys.kim!, {
        messages: [...history.slice(from), question],
        conversationId: id,
        ...(from > 0 ? { conversationFrom: from } : {}),
      });
      expect(res.status, `question ${i}`).toBe(200);
      history.push(question, { role: "assistant", content: ((await res.json()) as Completion).choices[0]!.message.content });
    }
    const stored = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(stored.messages.map((m) => m.content)).toEqual(history.map((m) => m.content));

    // Regenerating the last answer from a window replaces that answer only.
    const regenerated = await call("POST", "/v1/chat/completions", keys.kim!, { messages: history.slice(10, -1), conversationId: id, conversationFrom: 10 });
    expect(regenerated.status).toBe(200);
    const after = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(after.messages).toHaveLength(history.length);
    expect(after.messages.slice(0, -1).map((m) => m.id)).toEqual(stored.messages.slice(0, -1).map((m) => m.id));

    // A position past the stored messages, or without a conversation, is refused before anything is answered or stored.
    for (const body of [
      { messages: [{ role: "user", content: "q" }], conversationId: id, conversationFrom: history.length + 1 },
      { messages: [{ role: "user", content: "q" }], conversationFrom: 2 },
      { messages: [{ role: "user", content: "q" }], conversationId: id, conversationFrom: -1 },
    ]) {
      const refused = await call("POST", "/v1/chat/completions", keys.kim!, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("body.conversationFrom");
    }
    const unchanged = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(unchanged.messages.map((m) => m.id)).toEqual(after.messages.map((m) => m.id));
  });

  it("has the workspace cut its requests at the API's own limits", async () => {
    const script = await fs.readFile(path.resolve(import.meta.dirname, "../../src/api/ui/app.js"), "utf8");
    const limits = /const REQUEST_LIMITS = \{ messages: (\d+), chars: ([\d_]+) \};/.exec(script);
    expect(limits, "REQUEST_LIMITS in app.js").not.toBeNull();
    expect([Number(limits![1]), Number(limits![2]!.replaceAll("_", ""))]).toEqual([FIELD_LIMITS.messages, FIELD_LIMITS.messagesChars]);
  });

  it("stores a streamed answer too, and names it in the final event", async () => {
    const id = await newConversation(keys.kim!);
    const res = await call("POST", "/v1/chat/completions", keys.kim!, { messages: [{ role: "user", content: "연차 휴가" }], conversationId: id, stream: true });
    expect(res.status).toBe(200);
    const data = await events(res);
    expect(data.at(-1)).toBe("[DONE]");
    const final = JSON.parse(data.at(-2)!) as { jikji: { messageId: string } };
    const stored = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    expect(stored.messages.at(-1)!.id).toBe(final.jikji.messageId);
  });

  it("lists, renames and deletes only the caller's own conversations; someone else's is a 404", async () => {
    const id = await newConversation(keys.kim!);
    await chat(keys.kim!, id, [{ role: "user", content: "연차 휴가는 며칠인가요?" }]);
    const mine = (await (await call("GET", "/v1/conversations", keys.kim!)).json()) as { conversations: Array<{ id: string; messageCount: number }> };
    expect(mine.conversations[0]).toMatchObject({ id, messageCount: 2 });
    const theirs = (await (await call("GET", "/v1/conversations", keys.lee!)).json()) as { conversations: unknown[] };
    expect(theirs.conversations).toEqual([]);

    for (const [method, url, body] of [
      ["GET", `/v1/conversations/${id}`, undefined],
      ["PATCH", `/v1/conversations/${id}`, { title: "남의 대화" }],
      ["DELETE", `/v1/conversations/${id}`, undefined],
    ] as const) {
      expect((await call(method, url, keys.lee!, body)).status, `${method} ${url}`).toBe(404);
    }
    // Answering into someone else's conversation is refused before anything is answered or stored.
    const intrude = await call("POST", "/v1/chat/completions", keys.lee!, { messages: [{ role: "user", content: "출장비" }], conversationId: id });
    expect(intrude.status).toBe(404);
    expect(((await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation).messages).toHaveLength(2);

    const renamed = await call("PATCH", `/v1/conversations/${id}`, keys.kim!, { title: "  연차 문의  " });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { title: string }).title).toBe("연차 문의");
    expect((await call("DELETE", `/v1/conversations/${id}`, keys.kim!)).status).toBe(204);
    expect((await call("GET", `/v1/conversations/${id}`, keys.kim!)).status).toBe(404);
  });

  it("refuses bad input with a 4xx naming the field", async () => {
    const id = await newConversation(keys.kim!);
    const empty = await call("PATCH", `/v1/conversations/${id}`, keys.kim!, { title: "   " });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain("body.title");
    expect((await call("PATCH", `/v1/conversations/${id}`, keys.kim!, { title: "a\u0000b" })).status).toBe(400);
    expect((await call("PATCH", `/v1/conversations/${id}`, keys.kim!, { title: "x".repeat(201) })).status).toBe(400);
    expect((await call("GET", "/v1/conversations/not-a-uuid", keys.kim!)).status).toBe(400);
    expect((await call("GET", "/v1/conversations/00000000-0000-4000-8000-000000000000", keys.kim!)).status).toBe(404);
    expect((await call("POST", "/v1/conversations", keys.kim!, { title: "t", owner: "lee" })).status).toBe(400);
    const badChat = await call("POST", "/v1/chat/completions", keys.kim!, { messages: [{ role: "user", content: "연차" }], conversationId: "nope" });
    expect(badChat.status).toBe(400);
    expect(JSON.stringify(await badChat.json())).toContain("conversationId");
    expect((await call("GET", "/v1/conversations", "wrong-key")).status).toBe(401);
  });
});

describe("thumbs up and down on answers", () => {
  it("keeps one rating per answer with its comment, readable by admins only, even after the conversation is deleted", async () => {
    const id = await newConversation(keys.kim!);
    const answer = await chat(keys.kim!, id, [{ role: "user", content: "연차 휴가는 며칠인가요?" }]);
    const messageId = answer.jikji.messageId!;
    const url = `/v1/conversations/${id}/messages/${messageId}/feedback`;
    expect((await call("PUT", url, keys.kim!, { rating: "up" })).status).toBe(200);
    const changed = await call("PUT", url, keys.kim!, { rating: "down", comment: "입사 첫해의 경우가 빠졌어요" });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ messageId, rating: "down", comment: "입사 첫해의 경우가 빠졌어요" });

    expect((await call("PUT", url, keys.kim!, { rating: "meh" })).status).toBe(400);
    expect((await call("PUT", url, keys.kim!, { rating: "up", comment: "x".repeat(2001) })).status).toBe(400);
    expect((await call("PUT", url, keys.lee!, { rating: "up" })).status).toBe(404);
    const stored = (await (await call("GET", `/v1/conversations/${id}`, keys.kim!)).json()) as Conversation;
    const question = stored.messages.find((m) => m.role === "user")!;
    expect((await call("PUT", `/v1/conversations/${id}/messages/${question.id}/feedback`, keys.kim!, { rating: "up" })).status).toBe(404);

    expect((await call("GET", "/v1/feedback", keys.kim!)).status).toBe(403);
    const read = async () =>
      ((await (await call("GET", "/v1/feedback?rating=down", keys.boss!)).json()) as { feedback: Array<Record<string, unknown>> }).feedback.filter(
        (row) => row.answer === answer.choices[0]!.message.content && row.owner === "key:kim",
      );
    const [row] = await read();
    expect(row).toMatchObject({ rating: "down", comment: "입사 첫해의 경우가 빠졌어요", question: "연차 휴가는 며칠인가요?", conversationId: id, messageId });
    expect(await read()).toHaveLength(1);

    expect((await call("DELETE", `/v1/conversations/${id}`, keys.kim!)).status).toBe(204);
    const [kept] = await read();
    expect(kept).toMatchObject({ rating: "down", question: "연차 휴가는 며칠인가요?", conversationId: null, messageId: null });
  });
});

describe("titles", () => {
  it("takes the first question, cut at a word near 80 characters", () => {
    expect(titleFrom("  연차   휴가는\n며칠? ")).toBe("연차 휴가는 며칠?");
    const long = titleFrom("How many days of annual leave does an employee get after the first year of service at the company head office?");
    expect(long.length).toBeLessThanOrEqual(81);
    expect(long.endsWith("…")).toBe(true);
    expect(long).not.toMatch(/\s…$/);
  });
});
