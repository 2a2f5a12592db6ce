/**
 * A Korean question's polite ending is not what it asks about (rankaudit16): "있나요", "주인가요", "바꾸나요" ended the
 * query in the bigrams 나요 and 가요, and an FAQ page, whose every heading ends in the same way, gathered them — on
 * never-seen help pages a Windows FAQ came first for questions about leave and training budgets. The query keeps the
 * bigram that still holds the verb or noun (있나, 주인) and drops the one made of the ending alone.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmbeddedIndex } from "../../src/retrieve/index/embedded.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { queryTerms, termCounts, tokenize } from "../../src/retrieve/tokenize.ts";

describe("a Korean question's polite ending in the query", () => {
  it("drops the bigram made of the ending alone and keeps the one holding the word", () => {
    expect(queryTerms("연차는 언제 생기나요?")).toEqual(["연차", "생기", "기나"]);
    expect(queryTerms("출산휴가는 몇 주인가요?")).not.toContain("가요");
    expect(queryTerms("수습기간에도 쓸 수 있나요?")).toContain("있나");
    expect(queryTerms("수습기간에도 쓸 수 있나요?")).not.toContain("나요");
    for (const [question, ending] of [
      ["설치하려면 어떻게 해야 하나요?", "나요"],
      ["이 옵션을 써도 괜찮아요?", "아요"],
      ["비번을 바꿔 주세요", "세요"],
      ["파일은 어디서 받을까요?", "까요"],
    ] as const) {
      expect(queryTerms(question), question).not.toContain(ending);
    }
  });

  it("keeps a two-syllable word, a word that only ends like one, and every document term", () => {
    // 가요 (songs) alone is the word asked about; 나요 as a whole word too.
    expect(queryTerms("가요")).toEqual(["가요"]);
    // Documents are indexed as they are written: the FAQ's headings keep their endings.
    expect(tokenize("무료인가요? 설치되나요?")).toContain("나요");
  });
});

describe("the ending no longer ranks an FAQ first", () => {
  let dir: string;
  let index: SearchIndex;
  const names = new Map<string, string>();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "jikji-endings-"));
    index = createEmbeddedIndex({ dir });
    await index.open(null);
    const chunks = {
      faq: "출시되나요? 지원되나요? 설치되나요? 무료인가요? 사용할 수 있나요? 교체되나요?",
      leave: "연차 휴가는 입사 후 1년이 지나면 15일이 생긴다. 연차는 팀장 승인 후 쓴다.",
    };
    await index.upsert(
      Object.entries(chunks).map(([name, text]) => {
        const id = randomUUID();
        names.set(id, name);
        return { chunkId: id, documentId: `doc-${name}`, version: 1, collection: "default", accessGroups: [], terms: termCounts(text) };
      }),
    );
  });

  afterEach(async () => {
    await index.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("finds the page on the question's subject first", async () => {
    const hits = await index.search({ terms: queryTerms("연차는 언제 생기나요?"), filter: {}, limit: 2 });
    expect(hits.map((hit) => names.get(hit.chunkId))).toEqual(["leave"]);
  });
});
