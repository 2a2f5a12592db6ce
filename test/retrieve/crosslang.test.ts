/**
 * Korean questions on English chunks, by the candidate's language (issue 8, xlang8): the question's English rendering,
 * the evidence that decides whether it counts, the reranker reading English candidates through it, and the whole
 * path (ingest, search, ask) over a mixed collection and a Korean-only one, with the switch on and off.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { ConfigError } from "../../src/errors.ts";
import {
  contentTerms,
  englishEvidence,
  englishRendering,
  withLoanwords,
  hangulShare,
  isEnglishText,
  koreanEvidence,
  renderingWeight,
  weighQuestion,
} from "../../src/retrieve/crosslang.ts";
import type { SearchIndex } from "../../src/retrieve/index/port.ts";
import { DEFAULT_BUILTIN_WEIGHTS, builtinScores } from "../../src/retrieve/rerank/builtin.ts";
import { createSearch } from "../../src/retrieve/search.ts";
import type { Store } from "../../src/store/store.ts";
import { builtinSynonymSets, createSynonyms } from "../../src/retrieve/synonyms.ts";
import { queryTerms } from "../../src/retrieve/tokenize.ts";
import { openJikji } from "../../src/runtime.ts";
import { cli } from "../helpers/cli.ts";

const LIST = createSynonyms([
  ["양면", "duplex"],
  ["인쇄", "printing", "print"],
  ["프린터", "printer"],
  ["설정", "설정값"],
]);

const DUPLEX = "Duplex printing is offered for printers capable of printing on both sides of the page.";

describe("a chunk's language", () => {
  it("is read from the Hangul share of its letters", () => {
    expect(hangulShare("")).toBe(0);
    expect(hangulShare("abc 123")).toBe(0);
    expect(hangulShare("가나 ab")).toBeCloseTo(0.5, 10);
    expect(isEnglishText(DUPLEX)).toBe(true);
    expect(isEnglishText("양면 인쇄는 프린터의 설정 메뉴에서 켭니다. The duplex option is in the menu.")).toBe(false);
    // Too few letters to tell (a code line, a table of numbers).
    expect(isEnglishText("-9 --fast 100k")).toBe(false);
  });
});

describe("the English rendering of a question", () => {
  it("keeps the question's Latin words and replaces its Korean words by their English alternatives", () => {
    const rendering = englishRendering("bzip2로 양면 인쇄를 하려면 어떤 프린터가 필요한가요?", [LIST, null]);
    expect(rendering).not.toBeNull();
    expect(rendering!.query).toBe("bzip2 duplex printing print printer");
    expect(rendering!.words).toEqual([
      { terms: ["양면"], alternatives: ["duplex"] },
      { terms: ["인쇄"], alternatives: ["printing", "print"] },
      // A Korean word stands for its bigrams, as the index searches for it.
      { terms: ["프린", "린터"], alternatives: ["printer"] },
    ]);
    expect(rendering!.terms).toEqual(expect.arrayContaining(["bzip2", "duplex", "printing", "print", "printer"]));
    expect(rendering!.terms.some((term) => /[가-힣]/u.test(term))).toBe(false);
    // bzip2's three terms and the translated words' four (양면, 인쇄, 프린, 린터) of the question's fourteen.
    expect(rendering!.share).toBeCloseTo(0.5, 10);
  });

  it("is null for an English question, and for a Korean one with no word to translate", () => {
    expect(englishRendering("Which printers offer duplex printing?", [LIST])).toBeNull();
    // 설정 has only a Korean alternative.
    expect(englishRendering("설정은 어디서 바꾸나요?", [LIST])).toBeNull();
    expect(englishRendering("회의실 예약", [LIST])).toBeNull();
  });
});

describe("the built-in list's English for everyday Korean words (rankaudit15)", () => {
  // Korean questions on English manuals, handbooks and loan papers: the words a user asks with (a loanword in Hangul,
  // a compound of the field, a conjugated verb) each need an English alternative, or the rendering says too little of
  // the question for the English leg to run.
  const builtin = createSynonyms(builtinSynonymSets());
  const english = (question: string) => {
    const rendering = englishRendering(question, [builtin], { forms: true });
    return rendering === null ? [] : rendering.words.flatMap((word) => word.alternatives);
  };

  it("renders loanwords written in Hangul", () => {
    expect(english("스쿨존 제한속도는 몇 마일이에요?")).toEqual(expect.arrayContaining(["school zone", "speed limit", "mile"]));
    expect(english("스쿨버스가 멈춰 있으면 서야 하나요?")).toContain("school bus");
    expect(english("나침반 센서 보정은 어떻게 해요?")).toEqual(expect.arrayContaining(["compass", "sensor", "calibration"]));
  });

  it("renders the compounds of driving, school and loans", () => {
    expect(english("음주운전 혈중알코올농도 기준이 얼마예요?")).toEqual(
      expect.arrayContaining(["drunk driving", "blood alcohol concentration"]),
    );
    expect(english("운전면허 시력 기준은?")).toEqual(expect.arrayContaining(["driver's license", "eyesight"]));
    expect(english("박사과정 종합시험은 몇 번 볼 수 있어요?")).toEqual(expect.arrayContaining(["phd", "comprehensive exam"]));
    expect(english("중도상환수수료는 얼마예요?")).toContain("prepayment penalty");
  });

  it("reaches a verb through its past form", () => {
    expect(english("비밀번호를 잊어버렸으면 어떻게 해요?")).toEqual(expect.arrayContaining(["password", "forgot"]));
  });
});

describe("the English rendering with the word forms read (xlang9)", () => {
  const WORDS = createSynonyms([
    ["흑백", "black and white", "monochrome"],
    ["블록", "block"],
    ["빠른", "quick", "fast"],
    ["덮어쓰기", "overwrite"],
    ["까지", "held"],
    ["명령", "command"],
  ]);
  const FORMS = { forms: true };

  it("reads a word behind stacked particles, the plural and a question ending", () => {
    // 흑백 + 으로 + 만, 블록 + 들 + 은, 빠른 + 가요: one particle is all the list's matching strips.
    const question = "흑백으로만 출력하면 블록들은 빠른가요?";
    expect(englishRendering(question, [WORDS])).toBeNull();
    const rendering = englishRendering(question, [WORDS], FORMS);
    expect(rendering!.words.map((word) => word.alternatives)).toEqual([["black and white", "monochrome"], ["block"], ["quick", "fast"]]);
  });

  it("reads a verb by the stem of a noun in 기 (덮어쓰나요 → 덮어쓰기)", () => {
    expect(englishRendering("같은 이름이면 덮어쓰나요?", [WORDS])).toBeNull();
    expect(englishRendering("같은 이름이면 덮어쓰나요?", [WORDS], FORMS)!.words).toEqual([{ terms: ["덮어", "어쓰"], alternatives: ["overwrite"] }]);
  });

  it("renders no particle that stands alone as a word (-9까지: 9, 까지)", () => {
    expect(englishRendering("-1부터 -9까지 명령은?", [WORDS])!.query).toContain("held");
    expect(englishRendering("-1부터 -9까지 명령은?", [WORDS], FORMS)!.query).not.toContain("held");
  });

  it("keeps the question's Latin words an English query drops as function words (make)", () => {
    expect(englishRendering("BSD에서 make 명령은?", [WORDS])!.terms).not.toContain("make");
    expect(englishRendering("BSD에서 make 명령은?", [WORDS], FORMS)!.terms).toEqual(expect.arrayContaining(["bsd", "make", "command"]));
  });
});

describe("the evidence over the question's content words (xlang9)", () => {
  it("leaves out the endings' and particles' bigrams a Korean FAQ shares with any question (나요, 하나)", () => {
    const question = "같은 이름이면 덮어쓰나요?";
    const asked = queryTerms(question);
    expect(asked).toEqual(expect.arrayContaining(["나요", "쓰나"]));
    const content = contentTerms(question, asked);
    expect(content).toEqual(expect.arrayContaining(["덮어", "어쓰"]));
    expect(content).not.toContain("나요");
    expect(content).not.toContain("쓰나");
    // The Korean FAQ line holds the question's ending and nothing it asks about.
    const frequencies = new Map(asked.map((term) => [term, 1]));
    const faq = ["어떻게 설치하나요? 무엇을 쓰나요?"];
    expect(koreanEvidence(weighQuestion(asked, frequencies, 100), faq)).toBeGreaterThan(0);
    expect(koreanEvidence(weighQuestion(content, frequencies, 100), faq)).toBe(0);
  });

  it("leaves out a particle written against a Latin word, a word of its own (MPFR에서)", () => {
    const asked = queryTerms("MPFR에서 반올림 오차는?");
    expect(asked).toContain("에서");
    expect(contentTerms("MPFR에서 반올림 오차는?", asked)).toEqual(expect.arrayContaining(["mpfr", "반올", "올림", "오차"]));
    expect(contentTerms("MPFR에서 반올림 오차는?", asked)).not.toContain("에서");
  });

  it("keeps a noun whose last syllable is also an ending (양면, not 양), and leaves out a word that is grammar (하나요)", () => {
    const question = "양면 인쇄는 어떻게 하나요?";
    const content = contentTerms(question, queryTerms(question));
    expect(content).toEqual(expect.arrayContaining(["양면", "인쇄"]));
    expect(content).not.toContain("하나");
    expect(content).not.toContain("나요");
  });

  it("keeps every term of a question it cannot strip", () => {
    expect(contentTerms("bzip2 압축", queryTerms("bzip2 압축"))).toEqual(queryTerms("bzip2 압축"));
  });
});

describe("whether the rendering counts", () => {
  // Every term equally rare: the question's terms are 양면, 인쇄, 프린, 린터.
  const frequencies = new Map<string, number>();
  const question = "양면 인쇄 프린터";
  const rendering = englishRendering(question, [LIST])!;
  const korean = "프린터 드라이버는 제어판에서 설치합니다.";
  const english = "A duplex printer prints on both sides of the page.";

  it("compares the best Korean chunk as asked with the best English chunk through the rendering", () => {
    expect(koreanEvidence(weighQuestion(queryTerms(question), frequencies, 10), [korean, english])).toBeCloseTo(2 / 4, 10);
    // duplex for 양면 and printer for 프린터 (its two terms); "prints" is not "print".
    expect(englishEvidence(weighQuestion(queryTerms(question), frequencies, 10), rendering, [korean, english])).toBeCloseTo(3 / 4, 10);
    expect(koreanEvidence(weighQuestion(queryTerms(question), frequencies, 10), [english])).toBe(0);
    expect(englishEvidence(weighQuestion(queryTerms(question), frequencies, 10), rendering, [DUPLEX])).toBeCloseTo(2 / 4, 10);
    // A rarer term weighs more.
    const rare = new Map([["프린", 9], ["린터", 9]]);
    expect(koreanEvidence(weighQuestion(queryTerms(question), rare, 10), [korean])).toBeLessThan(0.5);
  });

  it("reads what a candidate is searched by (title and section path), and its language from its text alone", () => {
    const weighed = weighQuestion(queryTerms(question), frequencies, 10);
    // A Korean clause whose sentences do not repeat its section's words: the section path holds 양면 인쇄.
    const clause = { text: "프린터 드라이버는 제어판에서 설치합니다.", searchable: "양면 인쇄\n프린터 드라이버는 제어판에서 설치합니다." };
    expect(koreanEvidence(weighed, [clause])).toBeCloseTo(4 / 4, 10);
    // An English chunk under a Korean title is still English, and read through the rendering.
    const titled = { text: english, searchable: `인쇄 안내\n${english}` };
    expect(koreanEvidence(weighed, [titled])).toBe(0);
    expect(englishEvidence(weighed, rendering, [titled])).toBeCloseTo(3 / 4, 10);
  });

  it("counts nothing unless the English chunks hold more and the Korean ones stay under the ceiling", () => {
    expect(renderingWeight(0.2, 0.5)).toBe(1);
    expect(renderingWeight(0.5, 0.2)).toBe(0);
    expect(renderingWeight(0.3, 0.3)).toBe(0);
    expect(renderingWeight(0.45, 0.9, { ceiling: 0.4 })).toBe(0);
    expect(renderingWeight(0.2, 0.3, { margin: 0.2 })).toBeCloseTo(0.5, 10);
    expect(renderingWeight(0.2, 0.5, { ceiling: 0.4, margin: 0.2 })).toBe(1);
  });
});

describe("the built-in reranker with a rendering", () => {
  const question = "양면 인쇄는 어떤 프린터에서 되나요?";
  const rendering = englishRendering(question, [LIST])!;
  const candidates = [
    { id: "ko", text: "프린터 드라이버는 제어판에서 설치합니다. 어떤 프린터든 같은 방법입니다.", headingPath: [], score: 1 },
    { id: "en", text: DUPLEX, headingPath: [], score: 1 },
  ];

  it("reads an English candidate through the rendering and leaves a Korean one as it was", () => {
    const off = builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS);
    const on = builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS, undefined, null, null, [], rendering);
    expect(on[0]).toBe(off[0]);
    expect(on[1]!).toBeGreaterThan(off[1]!);
    // Both now hold all of what they are read against: they compete on equal features.
    expect(on[1]!).toBeCloseTo(on[0]!, 10);
    // At weight 0 (the evidence said no) the English candidate is scored exactly as without the rendering.
    expect(builtinScores(question, candidates, DEFAULT_BUILTIN_WEIGHTS, undefined, null, null, [], { ...rendering, weight: 0 })).toEqual(off);
  });

  it("changes nothing when no candidate is English", () => {
    const korean = [candidates[0]!, { id: "ko2", text: "양면 테이프로 인쇄물을 붙이는 방법을 설명합니다.", headingPath: [], score: 0.5 }];
    expect(builtinScores(question, korean, DEFAULT_BUILTIN_WEIGHTS, undefined, null, null, [], rendering)).toEqual(
      builtinScores(question, korean, DEFAULT_BUILTIN_WEIGHTS),
    );
  });
});

describe("the search with a rendering", () => {
  /** A search over `index` and a store that holds nothing, rendering with the test's synonym list. */
  const searchOver = (index: SearchIndex) =>
    createSearch({
      store: { visibleChunks: async () => new Map() } as unknown as Store,
      index,
      embedder: null,
      reranker: null,
      crossLanguage: { render: (query) => englishRendering(query, [LIST]), legWeight: 1, ceiling: 0.4 },
    });

  it("fails with the first leg's error when the index fails, leaving no rejection unhandled", async () => {
    const index = {
      search: async () => {
        throw new Error("index down");
      },
      documentFrequencies: async () => {
        throw new Error("counts down");
      },
    } as unknown as SearchIndex;
    const search = searchOver(index);
    await expect(search({ query: "양면 인쇄는 어떤 프린터에서 되나요?", k: 3, filter: {} })).rejects.toThrow("index down");
  });

  it("does not run the English leg when no English text could win", async () => {
    const searched: string[][] = [];
    const index = {
      search: async (query: { terms: string[] }) => (searched.push(query.terms), []),
      // No chunk holds any rendering word: the English leg cannot win.
      documentFrequencies: async (terms: readonly string[]) => new Map(terms.map((term) => [term, 0])),
    } as unknown as SearchIndex;
    const search = searchOver(index);
    expect(await search({ query: "양면 인쇄는 어떤 프린터에서 되나요?", k: 3, filter: {} })).toEqual({ query: "양면 인쇄는 어떤 프린터에서 되나요?", hits: [] });
    expect(searched).toHaveLength(1);
  });
});

describe("its configuration", () => {
  const base = { JIKJI_DATA_DIR: "/tmp/jikji-crosslang-config" };
  it("is on by default, with the settings chosen on the tune split, and can be switched off", () => {
    expect(loadConfig(base).crossLanguage).toEqual({ enabled: true, legWeight: 1, rerank: true, answerWeight: 1, gated: true, margin: 0, ceiling: 0.55, untranslatedWeight: 0.5, forms: true, loanwords: true, koreanSynonyms: true, loanwordBound: false });
    // Without the word forms, the ceiling chosen for the whole question's evidence (xlang8).
    expect(loadConfig({ ...base, JIKJI_CROSS_LANGUAGE_FORMS: "false" }).crossLanguage).toMatchObject({ forms: false, ceiling: 0.4 });
    expect(loadConfig({ ...base, JIKJI_CROSS_LANGUAGE_LOANWORDS: "false" }).crossLanguage).toMatchObject({ loanwords: false });
    expect(loadConfig({ ...base, JIKJI_CROSS_LANGUAGE: "false", JIKJI_CROSS_LANGUAGE_CEILING: "0.3" }).crossLanguage).toMatchObject({
      enabled: false,
      ceiling: 0.3,
    });
  });

  it("names a bad value", () => {
    for (const [name, value] of [
      ["JIKJI_CROSS_LANGUAGE", "yes"],
      ["JIKJI_CROSS_LANGUAGE_LEG_WEIGHT", "2"],
      ["JIKJI_CROSS_LANGUAGE_CEILING", "-0.1"],
      ["JIKJI_CROSS_LANGUAGE_RERANK", "1"],
      ["JIKJI_CROSS_LANGUAGE_LOANWORDS", "on"],
      ["JIKJI_CROSS_LANGUAGE_FORMS", "on"],
      ["JIKJI_CROSS_LANGUAGE_UNTRANSLATED_WEIGHT", "1.5"],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
    }
  });
});

describe("a Korean question through search and ask", () => {
  let root: string;

  async function collection(name: string, docs: Record<string, string>): Promise<string> {
    await fs.mkdir(path.join(root, name, "docs"), { recursive: true });
    for (const [file, text] of Object.entries(docs)) await fs.writeFile(path.join(root, name, "docs", file), text);
    const result = await cli(["ingest", path.join(root, name, "docs"), "--json", "--data-dir", path.join(root, name, "data")]);
    expect(result.code).toBe(0);
    return path.join(root, name, "data");
  }

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "jikji-crosslang-"));
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("ranks the English page that answers first and quotes its English sentence, only with the switch", async () => {
    const dataDir = await collection("mixed", {
      "printing.md": `# Printing\n\n${DUPLEX} Black and white printing is generally faster than color printing.\n`,
      "drivers.md": "# 프린터 드라이버\n\n프린터 드라이버는 제어판에서 설치합니다. 어떤 프린터든 설치 방법은 같습니다.\n",
    });
    const question = "양면 인쇄는 어떤 프린터에서 되나요?";
    const off = await openJikji(loadConfig({ JIKJI_CROSS_LANGUAGE: "false" }, { dataDir }), { scanIndex: false });
    try {
      const plain = await off.search({ query: question, k: 2, filter: {} });
      expect(plain.hits[0]?.source).toBe("drivers.md");
      expect((await off.ask.ask({ question })).answer).not.toContain("Duplex printing is offered");
    } finally {
      await off.close();
    }
    const on = await openJikji(loadConfig({ JIKJI_CROSS_LANGUAGE: "true" }, { dataDir }), { scanIndex: false });
    try {
      const crossed = await on.search({ query: question, k: 2, filter: {} });
      expect(crossed.hits[0]?.source).toBe("printing.md");
      const asked = await on.ask.ask({ question });
      expect(asked.grounded).toBe(true);
      expect(asked.answer).toContain("Duplex printing is offered");
      // The not-found sentence stays Korean for a Korean question.
      const missing = await on.ask.ask({ question: "회의실 예약은 어떻게 하나요?" });
      expect(missing.answer).toMatch(/[가-힣]/u);
    } finally {
      await on.close();
    }
  }, 180_000);

  it("gives identical results with the switch on and off over a Korean-only collection", async () => {
    const dataDir = await collection("korean", {
      "printing.md": "# 인쇄\n\n양면 인쇄는 프린터 설정의 용지 메뉴에서 켭니다. 흑백 인쇄가 컬러 인쇄보다 빠릅니다.\n",
      "files.md": "# 파일\n\n압축 파일을 풀지 않고 검사하려면 검사 옵션을 씁니다. 같은 이름의 파일은 덮어쓰지 않습니다.\n",
    });
    const questions = ["양면 인쇄는 어떤 프린터에서 되나요?", "압축 파일이 깨졌는지 검사하려면?", "흑백 인쇄가 더 빠른가요?", "printer settings"];
    const run = async (env: Record<string, string>) => {
      const jikji = await openJikji(loadConfig(env, { dataDir }), { scanIndex: false });
      try {
        const out = [];
        for (const question of questions) {
          const { hits } = await jikji.search({ query: question, k: 5, filter: {} });
          const { answer } = await jikji.ask.ask({ question });
          out.push({ hits: hits.map((hit) => [hit.chunkId, hit.score, hit.page]), answer });
        }
        return out;
      } finally {
        await jikji.close();
      }
    };
    expect(await run({ JIKJI_CROSS_LANGUAGE: "true" })).toEqual(await run({ JIKJI_CROSS_LANGUAGE: "false" }));
  }, 60_000);
});

describe("the English rendering reaches a verb through its conjugated forms (xlang16)", () => {
  const VERBS = createSynonyms([
    ["잠기다", "locked"],
    ["까먹다", "forget"],
    ["바꾸다", "change"],
    ["내려받다", "download"],
    ["없애다", "remove"],
    ["끄다", "turn off"],
    ["되다", "become"],
  ]);
  const FORMS = { forms: true };
  const rendered = (question: string, options: { forms?: boolean } = FORMS) =>
    englishRendering(question, [VERBS], options)?.words.flatMap((word) => word.alternatives) ?? null;

  it("reads a stem fused with 어/아 (잠겨요 → 잠기, 바꿔야 → 바꾸, 꺼도 → 끄, 돼요 → 되)", () => {
    expect(rendered("계정이 잠겨요")).toEqual(["locked"]);
    expect(rendered("설정을 바꿔야 하나요?")).toEqual(["change"]);
    expect(rendered("전원을 꺼도 되나요?")).toEqual(expect.arrayContaining(["turn off"]));
  });

  it("reads a stem before 어/아 and the past tense (내려받아도, 까먹었으면, 없애야)", () => {
    expect(rendered("파일을 내려받아도 되나요?")).toEqual(expect.arrayContaining(["download"]));
    expect(rendered("비밀번호를 까먹었으면 어떻게 해요?")).toEqual(["forget"]);
    expect(rendered("계정을 언제 없애야 해요?")).toEqual(["remove"]);
  });

  it("only with the word forms read: the plain reading is unchanged", () => {
    expect(rendered("계정이 잠겨요", {})).toBeNull();
    expect(rendered("비밀번호를 까먹었으면 어떻게 해요?", {})).toBeNull();
  });

  it("takes no noun's last syllable for a fused verb (사과 is no 사고 + 아)", () => {
    const nouns = createSynonyms([["사고다", "accident"]]);
    expect(englishRendering("사과", [nouns], FORMS)).toBeNull();
  });
});

describe("Hangul loanwords read back from the English candidates (xlang16)", () => {
  const WORDS = createSynonyms([["설정", "configuration", "settings"], ["파일", "file"]]);
  const pages = [
    "Create the nginx configuration file under /etc/nginx/sites-available.",
    "The ESP32 microcontroller creates a Wi-Fi network named SEM.",
  ];

  it("adds the English word a Korean question transcribes (엔진엑스 → nginx, 마이크로컨트롤러 → microcontroller)", () => {
    const rendered = englishRendering("엔진엑스 설정 파일은 어디에 있나요?", [WORDS], { forms: true })!;
    expect(rendered.terms).not.toContain("nginx");
    const read = withLoanwords(rendered, "엔진엑스 설정 파일은 어디에 있나요?", pages);
    expect(read.terms).toContain("nginx");
    expect(read.words).toEqual(expect.arrayContaining([{ terms: ["엔진", "진엑", "엑스"], alternatives: ["nginx"] }]));
    expect(read.share).toBeGreaterThan(rendered.share);
    const micro = withLoanwords(englishRendering("마이크로컨트롤러 설정은?", [WORDS], { forms: true })!, "마이크로컨트롤러 설정은?", pages);
    expect(micro.terms).toContain("microcontroller");
  });

  it("leaves a native word, a translated word and a short one alone (어디에, 설정; 뷰)", () => {
    const question = "뷰 설정 파일은 어디에 있나요?";
    const rendered = englishRendering(question, [WORDS], { forms: true })!;
    expect(withLoanwords(rendered, question, [...pages, "Vue view Eddie editor"])).toEqual(rendered);
  });

  it("gives the same rendering when no candidate holds the word", () => {
    const rendered = englishRendering("엔진엑스 설정 파일은?", [WORDS], { forms: true })!;
    expect(withLoanwords(rendered, "엔진엑스 설정 파일은?", ["Apache configuration file."])).toEqual(rendered);
  });
});

describe("the English rendering reads compounds and adnominal verb forms (xlang17)", () => {
  const LIST17 = createSynonyms([
    ["서버", "server"],
    ["화면", "screen"],
    ["보호", "protection"],
    ["백업", "backup"],
    ["파일", "file"],
    ["사직", "resignation"],
    ["지우다", "erase"],
    ["바꾸다", "change"],
    ["만들다", "create"],
  ]);
  const FORMS = { forms: true };
  const rendered = (question: string, options: { forms?: boolean } = FORMS) =>
    englishRendering(question, [LIST17], options)?.words.map((word) => `${word.terms.join("+")}→${word.alternatives.join("/")}`) ?? null;

  it("splits a compound no list holds into the list's words (서버실 → 서버 + 실, 백업파일 → 백업 + 파일)", () => {
    expect(rendered("서버실 들어가려면 뭐가 필요해요?")).toEqual(["서버→server"]);
    expect(rendered("백업파일은 어디 있어요?")).toEqual(["백업→backup", "파일→file"]);
    expect(rendered("사직서는 언제 내요?")).toEqual(["사직→resignation"]);
  });

  it("splits a compound into a word and a compound of its own (화면보호기 → 화면 + 보호 + 기)", () => {
    expect(rendered("화면보호기는 몇 분 뒤에 켜져요?")).toEqual(["화면→screen", "보호→protection"]);
  });

  it("splits nothing whose pieces the list does not hold, and nothing of two syllables", () => {
    expect(rendered("일주일에 며칠 가능해요?")).toBeNull();
    expect(englishRendering("서버", [createSynonyms([["서", "west"]])], FORMS)).toBeNull();
  });

  it("reads a verb's adnominal forms in ㄹ and ㄴ (지울 수, 바꿀 때, 지운 파일)", () => {
    expect(rendered("회사가 원격으로 지울 수 있나요?")).toEqual(["지울→erase"]);
    expect(rendered("비밀번호 바꿀 때 주의할 점은?")).toEqual(["바꿀→change"]);
    expect(rendered("지운 기록을 되살릴 수 있나요?")).toEqual(["지운→erase"]);
  });

  it("only with the word forms read: the plain reading is unchanged", () => {
    expect(rendered("서버실 들어가려면 뭐가 필요해요?", {})).toBeNull();
    expect(rendered("회사가 원격으로 지울 수 있나요?", {})).toBeNull();
  });
});
