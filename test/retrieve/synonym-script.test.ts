/**
 * The built-in reranker's synonym feature kept to the question word's script (JIKJI_SYNONYM_RERANK_SCRIPT, off;
 * rankaudit18). The feature (weight 0.2, on by default) counts a question word a candidate holds only as a listed
 * synonym; the list bridges scripts (print ↔ 인쇄), so a Korean page holding 인쇄 and 파일 scored the feature in full for
 * an English question about printing files, which it cannot answer in the question's words (pkgtools.ko.html for
 * "Printing keeps using stale options", rankaudit17). With the switch only same-script synonyms count; a Korean
 * question reaches English pages through its English rendering, as before.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import { builtinFeatures, builtinScores, DEFAULT_BUILTIN_WEIGHTS } from "../../src/retrieve/rerank/builtin.ts";
import { createSynonyms } from "../../src/retrieve/synonyms.ts";

const LIST = createSynonyms([
  ["print", "인쇄", "printing"],
  ["delete", "삭제", "remove"],
  ["비밀번호", "암호", "password"],
]);

const candidate = (id: string, text: string) => ({ id, text, headingPath: [], score: 1 });

describe("the synonym feature kept to the word's script", () => {
  const korean = candidate("ko", "인쇄 설정 파일을 삭제하면 기본값으로 돌아갑니다.");
  const english = candidate("en", "To reset the printing options, remove the options file from your home directory.");
  const question = "Which file should I delete before I print?";

  it("counts a Korean page's 인쇄/삭제 for an English question only with every script", () => {
    const [mixedKo, mixedEn] = builtinFeatures(question, [korean, english], undefined, undefined, LIST);
    expect(mixedKo!.synonyms).toBeGreaterThan(0);
    const [ownKo, ownEn] = builtinFeatures(question, [korean, english], undefined, undefined, LIST, null, [], 0, true);
    expect(ownKo!.synonyms).toBe(0);
    // The English page's English synonyms (printing, remove) count either way.
    expect(ownEn!.synonyms).toBe(mixedEn!.synonyms);
    expect(ownEn!.synonyms).toBeGreaterThan(0);
  });

  it("keeps a Korean word's Korean synonyms", () => {
    const page = candidate("ko", "암호를 잊었으면 관리자에게 초기화를 요청합니다.");
    const [own] = builtinFeatures("비밀번호를 잊으면 어떻게 하나요?", [page], undefined, undefined, LIST, null, [], 0, true);
    expect(own!.synonyms).toBeGreaterThan(0);
  });

  it("scores as before unless the weights ask for it, and the switch reads true/false", () => {
    const candidates = [korean, english];
    const before = builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS, undefined, LIST);
    const own = builtinScores(question, candidates, { ...DEFAULT_BUILTIN_WEIGHTS, synonymScript: 1 }, undefined, LIST);
    expect(own[0]!).toBeLessThan(before[0]!);
    expect(own[1]!).toBe(before[1]!);
    expect(loadConfig({}).synonyms.rerankOwnScript).toBe(false);
    expect(loadConfig({ JIKJI_SYNONYM_RERANK_SCRIPT: "true" }).synonyms.rerankOwnScript).toBe(true);
    expect(() => loadConfig({ JIKJI_SYNONYM_RERANK_SCRIPT: "yes" })).toThrow(ConfigError);
  });
});
