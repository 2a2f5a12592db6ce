import { describe, expect, it } from "vitest";
import { queryTerms, termCounts, tokenize } from "../../src/retrieve/tokenize.ts";

describe("tokenize", () => {
  it("gives a Korean word the same terms whatever particle is attached", () => {
    const bare = tokenize("정책");
    for (const inflected of ["정책은", "정책을", "정책에서", "정책으로부터"]) expect(tokenize(inflected)).toEqual(bare);
    expect(bare).toEqual(["정책"]);
  });

  it("strips verbal endings after the particle, so a verb meets its noun", () => {
    expect(tokenize("개최하였다")).toEqual(tokenize("개최"));
    expect(tokenize("발표한")).toEqual(["발표"]);
  });

  it("splits compounds into bigrams that the parts share", () => {
    const compound = new Set(tokenize("개인정보보호"));
    for (const term of tokenize("개인 정보 보호")) expect(compound.has(term)).toBe(true);
  });

  it("keeps a one-syllable noun under its particle", () => {
    expect(tokenize("돈을")).toContain("돈");
    expect(tokenize("돈")).toEqual(["돈"]);
  });

  it("lower-cases Latin words and splits scripts in mixed words", () => {
    expect(tokenize("AI반도체")).toEqual(["ai", "반도", "도체"]);
    expect(tokenize("The Policy")).toEqual(["the", "policy"]);
    expect(tokenize("don't")).toEqual(["don't"]);
  });

  it("reads an English possessive as its word, so a question about gnuplot's fit finds pages that say gnuplot", () => {
    expect(tokenize("gnuplot's fit")).toEqual(["gnuplot", "fit"]);
    expect(tokenize("Debian’s installer")).toEqual(["debian", "installer"]);
    expect(queryTerms("What does bzip2's -s flag do?")).toEqual(expect.arrayContaining(["bzip2", "bzip", "2"]));
    expect(queryTerms("What does bzip2's -s flag do?")).not.toContain("bzip2's");
    // Other inner apostrophes stay words of their own; a lone "'s" is not a word.
    expect(tokenize("don't o'brien")).toEqual(["don't", "o'brien"]);
    expect(tokenize("x's")).toEqual(["x"]);
  });

  it("keeps mixed letter-digit words whole and in parts", () => {
    expect(tokenize("G20")).toEqual(["g20", "g", "20"]);
    expect(tokenize("5G망")).toEqual(["5g", "5", "g", "5g망", "망"]);
  });

  it("joins a number with the unit written right after it, and keeps both", () => {
    expect(tokenize("1950년")).toEqual(["1950", "1950년", "년"]);
    expect(tokenize("1950 년")).toEqual(["1950", "년"]);
    expect(tokenize("3.14와 1,000")).toEqual(["3.14", "3.14와", "와", "1,000"]);
  });

  it("joins a number with a clause or amount unit across one space, as Korean word processors space them (제 1 조)", () => {
    // LibreOffice and Word leave a gap between Hangul and digits that some PDFs keep as a space, and some
    // organisations type "제 1 조" themselves: the query "제1조" then matches its 1조 term either way.
    expect(tokenize("제 1 조(목적)")).toEqual(tokenize("제1조(목적)"));
    expect(tokenize("2 만 5 천원")).toEqual(tokenize("2만5천원"));
    expect(tokenize("제 3 조의 2")).toEqual(tokenize("제3조의 2"));
    // Only across one space and only before those units: other words stay apart, as "1950 년" above.
    expect(tokenize("1  조")).toEqual(["1", "조"]);
    expect(tokenize("3 가지")).toEqual(["3", "가지"]);
    expect(tokenize("1 원칙")).toEqual(["1", "원칙"]);
  });

  it("normalises full-width forms (NFKC)", () => {
    expect(tokenize("ＡＩ　２０２４")).toEqual(["ai", "2024"]);
  });

  it("counts repeats", () => {
    expect(termCounts("정책 정책은 policy")).toEqual(new Map([["정책", 2], ["policy", 1]]));
  });
});

describe("queryTerms", () => {
  it("drops Korean question words in any inflection, and question-frame nouns", () => {
    expect(queryTerms("헤이그의 부인은 누구인가?")).toEqual(tokenize("헤이그 부인"));
    expect(queryTerms("김이수는 몇년도에 태어났나?")).toEqual(tokenize("김이수는 태어났나"));
    expect(queryTerms("승리가 나온 초등학교 이름은?")).toEqual(tokenize("승리가 나온 초등학교"));
    expect(queryTerms("회의실은 어디에 있나요")).toEqual(tokenize("회의실은 있나요"));
  });

  it("keeps words that merely start like a whole-word question word", () => {
    expect(queryTerms("왜곡된 보도")).toEqual(tokenize("왜곡된 보도"));
    expect(queryTerms("왜 늦었나")).toEqual(tokenize("늦었나"));
  });

  it("drops English question and function words", () => {
    expect(queryTerms("What is the travel policy?")).toEqual(["travel", "policy"]);
  });

  it("drops English stopwords from a question but keeps them in the text that is indexed", () => {
    expect(queryTerms("My server is short on RAM. Which bzip2 option should I use?")).toEqual([
      "server", "short", "ram", "bzip2", "bzip", "2", "option", "use",
    ]);
    expect(queryTerms("Roughly how many printers can Gutenprint drive?")).toEqual(["roughly", "printers", "gutenprint", "drive"]);
    // A document's own words are all kept: "should" and "can" are still there for phrases and answers.
    expect(tokenize("You should use -s if you can")).toEqual(["you", "should", "use", "s", "if", "you", "can"]);
    // Korean questions are untouched by the English list.
    expect(queryTerms("램이 부족한 서버에서 쓸 옵션은?")).toEqual(tokenize("램이 부족한 서버에서 쓸 옵션은"));
  });

  it("keeps a query made only of question words rather than returning nothing", () => {
    expect(queryTerms("무엇")).toEqual(["무엇"]);
  });
});

describe("tokenize: word positions", () => {
  it("pairs a number with the Hangul word right after it, wherever the same words appeared before", () => {
    // The same number and word occur earlier apart, then adjacent: only the adjacent pair yields 1950년.
    expect(tokenize("1950 년 그리고 1950년")).toEqual(["1950", "년", "그리", "리고", "1950", "1950년", "년"]);
    expect(tokenize("년1950 1950-년")).toEqual(["년", "1950", "1950", "년"]);
    expect(queryTerms("무엇이 1950년에 있었나")).toEqual(tokenize("1950년에 있었나"));
  });
});
