import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from "../../src/ingest/chunk.ts";
import { effectiveDateOf } from "../../src/ingest/effective-date.ts";
import { inProcessParser } from "../../src/ingest/parser.ts";
import { KOREAN_FONT, REGULATIONS, buildFile } from "../fixtures/compliance/corpus.ts";

const EXPECTED: Record<string, string[]> = {
  "취업규칙.hwpx": ["제2조(적용범위) 제2항", "제6조(수습기간) 제1항", "제12조(연차휴가) 제3항", "제14조의2(연차휴가의 이월)", "부칙"],
  "개인정보처리방침.docx": ["제1조(개인정보의 처리 목적)", "제2조(개인정보의 처리 및 보유 기간) 제3항", "제6조(개인정보 보호책임자) 제2항", "제8조(가명정보의 처리)"],
  "여비규정.pdf": ["제1조(목적)", "제5조(일비) 제1항", "제5조(일비) 제2항", "제8조(여비의 정산)", "부칙", "별표 1"],
  "security-policy.docx": ["Article 2 Section 2.1", "Article 2 Section 2.2", "Article 4 Section 4.2", "Schedule 1"],
  "expense-policy.pdf": ["Section 1.1", "Section 2.1", "Section 3.1", "Section 4.1"],
};

const parser = inProcessParser({});

describe.skipIf(!fs.existsSync(KOREAN_FONT))("clause parsing on every format the corpus is written in", () => {
  for (const regulation of REGULATIONS) {
    it(`${regulation.source}: every clause found, no chunk spans two articles, effective date read`, async () => {
      const version = regulation.versions.at(-1)!;
      const { document } = await parser.parse(await buildFile(regulation.format, regulation.title, version.paragraphs), regulation.source);
      const chunks = chunkDocument(document, DEFAULT_CHUNK_OPTIONS);
      const paths = chunks.map((chunk) => chunk.clausePath);
      for (const expected of EXPECTED[regulation.source]!) expect(paths).toContain(expected);
      for (const chunk of chunks) {
        expect(chunk.text.match(/제\d+조(?:의\d+)?\([^)]+\) /gu)?.length ?? 0, chunk.text).toBeLessThanOrEqual(1);
        expect(chunk.text.match(/^Section \d|(?<=[.\s])Section \d+\.\d+ [A-Z]/gmu)?.length ?? 0, chunk.text).toBeLessThanOrEqual(1);
      }
      expect(effectiveDateOf(document.text)).toBe(version.effective);
    });
  }
});
