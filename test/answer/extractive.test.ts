import { describe, expect, it } from "vitest";
import { extractiveAnswer, quantityFocus, questionKind, questionWordsIn, unheldQuestionWords } from "../../src/answer/extractive.ts";
import { BZIP2, LEAVE, passage } from "./passages.ts";

describe("extractiveAnswer", () => {
  it("answers with the best supporting sentence and cites its passage and page", () => {
    const result = extractiveAnswer("What block size do the flags -1 through -9 specify?", [BZIP2, LEAVE]);
    expect(result).not.toBeNull();
    expect(result!.answer).toContain("The flags -1 through -9 specify the block size");
    expect(result!.answer).toMatch(/\[1\]/);
    expect(result!.citations[0]).toMatchObject({ ref: 1, page: 3, source: "manuals/bzip2.pdf", verified: true });
  });

  it("works for Korean questions", () => {
    const result = extractiveAnswer("휴가 신청은 언제까지 해야 하나요?", [BZIP2, LEAVE]);
    expect(result!.answer).toBe("휴가를 사용하려면 3일 전까지 팀장에게 신청해야 한다. [1]");
    expect(result!.citations).toEqual([expect.objectContaining({ ref: 1, chunkId: LEAVE.chunkId, page: null, verified: true })]);
  });

  it("uses at most three sentences and every marker has a citation", () => {
    const many = passage(1, "Alpha block one. Alpha block two. Alpha block three. Alpha block four. Unrelated.");
    const result = extractiveAnswer("alpha block", [many, BZIP2])!;
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(markers).toHaveLength(3);
    for (const n of markers) expect(result.citations.some((citation) => citation.ref === n)).toBe(true);
  });

  it("leaves out sentences that share only an incidental word with the question", () => {
    const refund = passage(1, "환불은 구매일로부터 14일 이내에 신청할 수 있습니다. 사용한 상품은 환불되지 않습니다.");
    const leave = passage(2, "연차 휴가는 인사 시스템에서 신청합니다. 팀장이 승인하면 신청이 확정됩니다.");
    const result = extractiveAnswer("환불은 언제까지 신청할 수 있나요?", [refund, leave])!;
    expect(result.answer).toContain("14일 이내에 신청할 수 있습니다. [1]");
    expect(result.answer).not.toContain("팀장");
    expect(result.citations.map((citation) => citation.ref)).toEqual([1]);
  });

  describe("a sentence from a document the answer does not quote yet (otherDocumentRanks)", () => {
    // The best sentence holds two of the question's seven words; a lead-in of another document, in the 4th passage,
    // holds only 아래 ("below", as in "do as below") and passes the relative floor with its how-to cue.
    const question = "표 안의 각주를 페이지 아래에 모아 달려면 어떻게 하나요?";
    const table = "표 안에서 쓴 각주는 기본적으로 사라진다.";
    const elsewhere = "사용자를 그룹에 넣으려면 아래와 같이 하세요:\n\nadduser user group";
    const gathered = "threeparttable 환경을 쓰면 표의 각주를 표 아래에 모을 수 있다.";
    const filler = [passage(2, "본문의 문단은 양쪽 정렬로 조판된다."), passage(3, "글꼴은 fontspec 패키지로 고른다.")];
    const documentsOf = (result: ReturnType<typeof extractiveAnswer>) => result!.citations.map((citation) => citation.documentId);

    it("is not quoted from a passage ranked far below the best sentence's when it shares a common word", () => {
      const passages = [passage(1, table), ...filler, passage(4, elsewhere)];
      expect(extractiveAnswer(question, passages)!.answer).toBe(`${table} [1]`);
      // Switched off, the other document's line pads the answer.
      expect(documentsOf(extractiveAnswer(question, passages, { tuning: { otherDocumentRanks: -1 } }))).toEqual(["doc-1", "doc-4"]);
    });

    it("is quoted from the next passage, or from one ranked above the best sentence's", () => {
      // The best sentence is in the first passage; the second passage's document answers too.
      const lost = "표 안의 각주는 기본적으로 사라지므로 따로 모아야 한다.";
      expect(documentsOf(extractiveAnswer(question, [passage(1, lost), passage(2, gathered), filler[1]!]))).toEqual(["doc-1", "doc-2"]);
      // The best sentence is in the 4th passage; the first passage's sentence joins it, the lead-in stays out.
      const result = extractiveAnswer(question, [passage(1, table), passage(2, elsewhere), filler[1]!, passage(4, gathered)]);
      expect(documentsOf(result)).toEqual(["doc-4", "doc-1"]);
    });

    it("leaves a chunk ranked far down of a document already quoted to the relative floor alone", () => {
      const sameDocument = passage(4, elsewhere, { documentId: "doc-1", source: "docs/file-1.pdf" });
      const result = extractiveAnswer(question, [passage(1, table), ...filler, sameDocument])!;
      expect(result.citations.map((citation) => citation.chunkId)).toEqual(["chunk-1", "chunk-4"]);
    });
  });

  it("neutralises bracketed numbers from the document so they cannot pose as citations", () => {
    const cited = passage(1, "As shown in [12], the cache size is 64 MB.");
    const result = extractiveAnswer("cache size", [cited])!;
    expect(result.answer).toBe("As shown in (12), the cache size is 64 MB. [1]");
  });

  it("returns null when no sentence shares a term with the question", () => {
    expect(extractiveAnswer("quantum chromodynamics", [BZIP2, LEAVE])).toBeNull();
  });

  it.each([
    ["연차 휴가는 며칠인가요?", "quantity"],
    ["How many blocks does a file use?", "quantity"],
    ["숙박비 한도는 얼마인가요?", "quantity"],
    ["언제까지 신청해야 하나요?", "date"],
    ["When was the policy adopted?", "date"],
    ["What is a block-sorting compressor?", "definition"],
    // A definite subject that names a quantity asks for its value.
    ["What is the default block size that bzip2 uses when compressing?", "quantity"],
    ["What's the maximum number of open files?", "quantity"],
    ["What is the difference between purge and remove?", "definition"],
    ["연차휴가란 무엇인가요?", "definition"],
    ["How do I recover a damaged file?", "steps"],
    ["휴가는 어떻게 신청하나요?", "steps"],
    ["Who maintains bzip2?", "other"],
    ["How likely is it that corrupted data goes unnoticed?", "quantity"],
    ["본문 한 줄에는 글자가 몇 자쯤 들어가나요?", "quantity"],
    ["Which option keeps the input files?", "name"],
    ["만들 문서의 종류는 어떤 명령으로 지정하나요?", "name"],
    ["CentOS 7에서 에이전트를 중지하는 명령어는?", "name"],
    ["서비스를 재시작하는 명령은 무엇인가요?", "name"],
    ["중요한 낱말을 강조하려면 무엇을 쓰나요?", "name"],
    ["Why do very small files come out larger?", "reason"],
    ["설정 파일이 왜 남아 있나요?", "reason"],
    // Two cues: the main clause's, first in English, last in Korean.
    ["How can I check how much ink is left?", "steps"],
    ["패키지를 묶어 두는 방법은 몇 가지가 있나요?", "quantity"],
    // "when" inside a clause is a condition, not a question about a date; plural quantity nouns are quantities.
    ["What range of disc sizes can I set when printing onto a CD?", "quantity"],
    ["When does the cron job run?", "date"],
    // Yes/no questions with no other cue.
    ["Can Gutenprint also scan with my printer?", "yesno"],
    ["oblivoir로 쓴 문서를 웹 페이지로 변환할 수 있나요?", "yesno"],
    ["Does bzip2 keep the file dates?", "yesno"],
    // A Korean question word asks for a fact, however the question ends.
    ["개인정보 보호책임자는 누구로 하나요?", "other"],
    ["글꼴은 어디서 바꾸나요?", "other"],
  ])("reads %s as a %s question", (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });

  it("prefers the sentence with the number when the question asks how much", () => {
    const rules = passage(1, "출장 숙박비는 실비로 정산한다. 서울의 숙박비 한도는 1박 120,000원이다. 숙박비 영수증은 반드시 제출한다.");
    const result = extractiveAnswer("서울 숙박비 한도는 얼마인가요?", [rules])!;
    expect(result.answer.startsWith("서울의 숙박비 한도는 1박 120,000원이다. [1]")).toBe(true);
  });

  it("prefers the sentence that defines the term when the question asks what it is", () => {
    const text =
      "Many tools ship a MIME database. The shared MIME-info database is a single database of file types that all desktops read. " +
      "Updating the shared MIME-info database needs update-mime-database.";
    const result = extractiveAnswer("What is the shared MIME-info database?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("The shared MIME-info database is a single database of file types that all desktops read.");
  });

  it("never quotes running headers, headings, page numbers, contents lines or the question itself", () => {
    const header = "Shared MIME-info Database";
    const first = passage(
      1,
      `${header}\n\n2.3. Subclassing\n\nWhat is a subclass of a MIME type?\n\nA type is a subclass of another type if any instance of the first type is also an instance of the second.\n\n12`,
    );
    const second = passage(2, `${header}\n\nSubclassing ........ 12\n\nApplications may use subclass information to offer more handlers for a type.`);
    const result = extractiveAnswer("What is a subclass of a MIME type?", [first, second])!;
    expect(result).not.toBeNull();
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes[0]).toBe("A type is a subclass of another type if any instance of the first type is also an instance of the second.");
    for (const furniture of [header, "2.3. Subclassing", "What is a subclass of a MIME type?", "12", "Subclassing ........ 12"]) {
      expect(quotes).not.toContain(furniture);
      expect(result.answer).not.toContain(`${furniture} [`);
    }
  });

  it("quotes a Korean sentence a slide deck repeats on two pages (the same screen shown twice): no running header", () => {
    // A PowerPoint deck saved as PDF: slides 1 and 2 show the same start screen with the same callouts.
    const callout = "LG 임직원은 최초 1회 인증을 통하여 회원으로 방문예약 서비스를 사용할 수 있습니다";
    const header = "LG 방문예약";
    const first = passage(1, `${header}\n\n회원가입\n\n자주 방문하는 사용자는 회원가입을 통하여 회원으로 서비스를 사용합니다\n\n${callout}`, {
      documentId: "deck",
    });
    const second = passage(2, `${header}\n\n로그인\n\n회원 가입한 사용자는 로그인을 선택 후 로그인을 진행합니다\n\n${callout}`, { documentId: "deck" });
    const result = extractiveAnswer("LG 임직원 인증은 몇 번 해야 하나요?", [first, second])!;
    expect(result).not.toBeNull();
    expect(result.citations[0]!.quote).toBe(callout);
    expect(result.answer).not.toContain(`${header} [`);
  });

  it("quotes a sentence once even when overlapping passages both hold it, numbering citations 1, 2, … in order", () => {
    const shared = "The default block size is 900,000 bytes.";
    const a = passage(1, `Compression works in blocks. ${shared}`);
    const b = passage(2, `${shared} Smaller blocks use less memory when compressing.`);
    const result = extractiveAnswer("What block size is the default when compressing?", [a, b])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes.filter((quote) => quote === shared)).toHaveLength(1);
    expect(result.citations.map((citation) => citation.ref)).toEqual(quotes.map((_, i) => i + 1));
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(markers).toEqual(result.citations.map((citation) => citation.ref));
  });

  it("adds the start of a sentence a page break cut, from the chunk before when search attached it", () => {
    const before = {
      chunkId: "chunk-before",
      text: "Larger blocks compress better. The ratio between",
      pageStart: 5,
      pageEnd: 5,
      pageSpans: [{ start: 0, page: 5 }],
      charStart: 0,
      charEnd: 48,
    };
    const hit = passage(1, "worst-case and average-case compression time is in the region of 10:1.", {
      page: 6,
      pageStart: 6,
      pageEnd: 6,
      pageSpans: [{ start: 0, page: 6 }],
      charStart: 48,
      neighbours: { before, after: null },
    });
    const result = extractiveAnswer("What is the ratio of worst-case to average-case compression time?", [hit])!;
    expect(result.citations.map((citation) => [citation.quote, citation.chunkId, citation.page])).toEqual([
      ["The ratio between", "chunk-before", 5],
      ["worst-case and average-case compression time is in the region of 10:1.", "chunk-1", 6],
    ]);
    expect(result.answer).toBe("The ratio between [1] worst-case and average-case compression time is in the region of 10:1. [2]");
  });

  it("says not found when the best sentence covers too little of the question", () => {
    const unrelated = passage(1, "The cafeteria serves lunch from noon. Parking is free for visitors on weekends.");
    // "visitors" is shared, but one word of six is not an answer.
    expect(extractiveAnswer("What is the maximum upload size for visitors of the document portal?", [unrelated])).toBeNull();
  });

  it("finds the sentence in other word forms: deleting → delete, compressed → compression", () => {
    const options = passage(
      1,
      "-k --keep Keep (don't delete) input files during compression or decompression.\n" +
        "-f --force Force overwrite of output files; normally bzip2 will not overwrite existing output files.",
    );
    const result = extractiveAnswer("How do I stop bzip2 from deleting the original file once it has compressed it?", [options])!;
    expect(result.citations[0]!.quote).toBe("-k --keep Keep (don't delete) input files during compression or decompression.");
  });

  it("matches a Korean question without its polite ending or particles (가리나요 → 가리, 쪽으로 → 쪽)", () => {
    const text =
      "LATEX 명령어는 대소문자를 가리므로 \\Newpage 라고 쓰면 안 된다. 새 페이지를 시작하려면 다음 쪽으로 넘기는 \\newpage 명령을 쓴다. " +
      "행간은 \\linespread 명령으로 조절한다.";
    const result = extractiveAnswer("다음 쪽으로 강제로 넘기려면 무슨 명령을 쓰나요?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("새 페이지를 시작하려면 다음 쪽으로 넘기는 \\newpage 명령을 쓴다.");
  });

  it("quotes a lead-in with the command line it leads to, even a bare command, from overlapping chunks of one page", () => {
    const text =
      "apt-get 사용하는 일반적 방법 몇 가지:\n시스템에 알려진 패키지 목록을 업데이트하려면, 실행하기:\napt update\n" +
      "foo 패키지와 그 종속을 설치하려면, 실행하기:\napt install foo\n패키지 foo와 그 설정 파일을 제거하려면, 실행하기:\napt purge foo";
    // Two overlapping chunks of the same FAQ: their shared lines are not running headers.
    const first = passage(1, text, { documentId: "faq", page: null, pageStart: null, pageEnd: null, pageSpans: [] });
    const second = passage(2, text.slice(text.indexOf("시스템")), { documentId: "faq", page: null, pageStart: null, pageEnd: null, pageSpans: [] });
    const result = extractiveAnswer("프로그램과 함께 그 설정 파일까지 몽땅 지우려면 어떻게 하나요?", [first, second])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes[0]).toBe("패키지 foo와 그 설정 파일을 제거하려면, 실행하기:\napt purge foo");
    expect(result.answer).toContain("실행하기: apt purge foo [1]");
    expect(result.citations[0]!.verified).toBe(true);
  });

  it("does not treat a lower-case line of its own (a command) as a fragment of the line before", () => {
    const text = "To list the packages that can be upgraded, run:\napt list --upgradable\nfoo is kept at its version when it is on hold.";
    const result = extractiveAnswer("Why is foo kept at its version?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("foo is kept at its version when it is on hold.");
    expect(result.citations.map((citation) => citation.quote)).not.toContain("apt list --upgradable");
  });

  it("quotes a fact stated next to the sentence that names the question's setting", () => {
    const text =
      "When compressing, bzip2 reads its input in blocks. Each block takes 900,000 bytes (the default), or less with -1 to -8. " +
      "Decompression speed does not depend on the block size.";
    const result = extractiveAnswer("How big is a compressing block by default?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("Each block takes 900,000 bytes (the default), or less with -1 to -8.");
  });

  it("quotes a sentence of the chunk after the hit when it holds the answer", () => {
    const after = {
      chunkId: "chunk-after",
      text: "패키지를 보류하는 3가지 방법이 있습니다. dpkg, apt, aptitude 중 하나를 씁니다.",
      pageStart: null,
      pageEnd: null,
      pageSpans: [],
      charStart: 40,
      charEnd: 90,
    };
    const hit = passage(1, "hold - 사용자는 이 패키지가 처리되지 않기를 바랍니다. 즉, 현재 상태를 유지하려는 경우입니다.", {
      page: null,
      pageStart: null,
      pageEnd: null,
      pageSpans: [],
      neighbours: { before: null, after },
    });
    const result = extractiveAnswer("패키지를 보류하는 방법은 몇 가지가 있나요?", [hit])!;
    expect(result.citations[0]).toMatchObject({ quote: "패키지를 보류하는 3가지 방법이 있습니다.", chunkId: "chunk-after" });
  });

  it("does not quote a sentence twice when the chunk after the hit repeats it (chunks overlap by a few sentences)", () => {
    const items =
      "가. 안전보건관리책임자등에게 해당 업무 수행에 필요한 권한과 예산을 줄 것\n\n" +
      "나. 안전보건관리책임자등이 해당 업무를 충실하게 수행하는지를 평가하는 기준을 마련하고, 그 기준에 따라 반기 1회 이상 평가ㆍ관리할 것";
    const after = { chunkId: "chunk-after", text: `${items}\n\n6. 안전관리자를 배치할 것`, pageStart: 2, pageEnd: 2, pageSpans: [], charStart: 300, charEnd: 500 };
    const hit = passage(1, `5. 안전보건관리책임자등이 업무를 충실히 수행할 수 있도록 다음 각 목의 조치를 할 것\n\n${items}`, {
      neighbours: { before: null, after },
    });
    const result = extractiveAnswer("안전보건관리책임자의 업무 수행을 평가하는 주기는?", [hit])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes.some((quote) => quote.includes("반기 1회"))).toBe(true);
    expect(new Set(quotes).size).toBe(quotes.length);
  });

  it("does not take the question's own quantity for the answer's (한 줄 in 한 줄에는 몇 자…)", () => {
    const book = passage(
      1,
      "그러나 실제 책을 꺼내서 한 줄에 몇 글자나 들어가 있는지 세어보라. 경험상 한 줄이 너무 길어서 들어가는 글자수가 많으면 독서가 곤란해진다. " +
        "이제 기본 LATEX 문서에 대해 역시 행당 글자수를 세어보면 마찬가지로 한 행에 66자 정도가 들어간다는 것을 알게 될 것이다.",
    );
    const maths = passage(2, "이 식의 우변은 너무 길고 한 줄에 다 들어가지 않는다. 일련의 등식이 이어질 때 한 줄에 딱 들어맞지 않는 상황을 자주 접한다.");
    const question = "본문 한 줄에는 글자가 몇 자쯤 들어가는 게 적당한가요?";
    expect(extractiveAnswer(question, [book, maths])!.answer).toContain("66자");
    // Counting the question's own "한 줄" as a quantity, every line about lines looks like an answer.
    expect(extractiveAnswer(question, [book, maths], { tuning: { cueOutsideQuestion: false, focusBonus: 0 } })!.answer).not.toContain("66자");
  });

  it("answers a Korean how-to question with the sentence that says what can be done (…할 수 있다)", () => {
    const text =
      "여러 LATEX 패키지를 로드하여 쓰다 보면 어떤 명령이 이미 정의되었다는 에러를 만날 때가 있다. " +
      "\\let\\foo\\relax 과 같이 선언하여 이미 정의된 매크로를 무력화할 수 있다. " +
      "같은 패키지를 두 번 이상 포함하면 이미 정의된 명령 에러가 생긴다.";
    const result = extractiveAnswer("패키지를 불러오다가 명령이 이미 정의돼 있다는 에러가 나면 어떻게 하나요?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toContain("무력화할 수 있다");
  });

  it("answers a yes/no question with the sentence that states the rule", () => {
    const text =
      "Gutenprint drives printers from many vendors and integrates with the printing system. " +
      "Gutenprint only supports the printer part of multi-function devices; it cannot scan.";
    const result = extractiveAnswer("Does Gutenprint drive the scanner of multi-function printers?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toContain("only supports the printer part");
  });

  it("takes words the corpus associates with a question word, when given them", () => {
    const text =
      "A backup copy of every archive is kept on the second disk. " +
      "bzip2recover can recover data from the undamaged blocks of a file.";
    const question = "Can I salvage part of a damaged backup?";
    const plain = extractiveAnswer(question, [passage(1, text)])!;
    expect(plain.citations[0]!.quote).toContain("backup copy");
    const related = (term: string) => (term === "salvage" ? [{ term: "recover", weight: 1 }] : []);
    const associated = extractiveAnswer(question, [passage(1, text)], { related })!;
    expect(associated.citations[0]!.quote).toContain("recover data");
  });

  describe("a Korean question on an English page, through its words' English alternatives (untranslatedWeight)", () => {
    // bzip2 manual p. 7, the options list (one line each), and the Korean question of the tune split.
    const OPTIONS =
      "-c --stdout Compress or decompress to standard output.\n" +
      "-d --decompress Force decompression.\n" +
      "-t --test Check integrity of the specified file(s), but don't decompress them.\n" +
      "-k --keep Keep (don't delete) input files during compression or decompression.\n" +
      "-s --small Reduce memory usage, for compression, decompression and testing.";
    const QUESTION = "압축을 풀지 않고 파일이 깨졌는지만 검사하고 싶어요. 어떤 옵션을 쓰나요?";
    // The gaps search found (SearchResult.gaps through gapRelated): 압축, 파일, 검사, 옵션 have English alternatives;
    // 풀지, 않고, 깨졌는지, 싶, 쓰 have none.
    const ENGLISH: Record<string, string[]> = {
      압축: ["compress", "compression"],
      파일: ["file"],
      검사: ["test", "check"],
      옵션: ["option", "options"],
    };
    const related = (term: string) => (ENGLISH[term] ?? []).map((other) => ({ term: other, weight: 1 }));

    it("answers with the sentence holding the translated words once untranslated words count less", () => {
      // As before: the five untranslated words, held by no English sentence, take the rarest weight each.
      expect(extractiveAnswer(QUESTION, [passage(1, OPTIONS)], { related, tuning: { relatedWeight: 0.7 } })).toBeNull();
      const result = extractiveAnswer(QUESTION, [passage(1, OPTIONS)], { related, tuning: { relatedWeight: 0.7, untranslatedWeight: 0.5 } });
      expect(result).not.toBeNull();
      expect(result!.citations[0]!.quote).toBe("-t --test Check integrity of the specified file(s), but don't decompress them.");
      expect(result!.citations[0]).toMatchObject({ ref: 1, chunkId: "chunk-1", verified: true });
    });

    it("still finds nothing on an unrelated English page that shares one translated word", () => {
      const editor = passage(1, "Save the file before you close the editor.\nThe editor shows line numbers in the margin.");
      const printer = passage(2, "The driver prints on both sides of the paper.\nPaper trays hold 250 sheets.");
      for (const untranslatedWeight of [1, 0.5]) {
        expect(extractiveAnswer(QUESTION, [editor, printer], { related, tuning: { relatedWeight: 0.7, untranslatedWeight } })).toBeNull();
      }
    });

    it("leaves a Korean sentence measured against every question word", () => {
      const korean = passage(1, "파일을 열 때 옵션을 바꿀 수 있다.\n압축 파일은 따로 저장한다.");
      const weights = [1, 0.5].map((untranslatedWeight) =>
        extractiveAnswer(QUESTION, [korean], { related, tuning: { relatedWeight: 0.7, untranslatedWeight } })?.answer ?? null,
      );
      expect(weights[1]).toBe(weights[0]);
    });

    it("judges a Korean word in an English sentence by its translated terms, not the bigram its ending leaves", () => {
      // 확인하는 is 확인 + 인하 to the tokenizer; only 확인 has English words. Counted over both terms, the check line
      // holds half of it and the head line (헤드 → head, a little weaker) wins.
      const text = "-n Print a check pattern.\n-c Clean the print head.";
      const question = "헤드를 확인하는 방법은?";
      const english: Record<string, Array<{ term: string; weight: number }>> = {
        확인: [{ term: "check", weight: 1 }],
        헤드: [{ term: "head", weight: 0.9 }],
      };
      const relatedKo = (term: string) => english[term] ?? [];
      const quotes = (untranslatedWeight: number) =>
        extractiveAnswer(question, [passage(1, text)], { related: relatedKo, tuning: { relatedWeight: 0.7, untranslatedWeight } })!.citations.map(
          (citation) => citation.quote,
        );
      expect(quotes(0.5)).toEqual(["-n Print a check pattern.", "-c Clean the print head."]);
      expect(quotes(1)).toEqual(["-c Clean the print head."]);
    });
  });

  it("quotes the command a sentence announces without a colon (…다음 명령을 쓴다.), but not prose after it", () => {
    const text =
      "특별한 경우에 LATEX에게 강제로 행을 나누도록 해야 할 때가 있다.\n\n새 페이지를 강제로 시작하려면 다음 명령을 쓴다.\n\n\\newpage\n\n" +
      "줄나눔과 페이지나눔에 관련된 명령 몇 가지가 있다.";
    const result = extractiveAnswer("새 페이지를 강제로 시작하는 명령은 무엇인가요?", [passage(1, text)])!;
    const quotes = result.citations.map((citation) => citation.quote);
    expect(quotes[0]).toBe("새 페이지를 강제로 시작하려면 다음 명령을 쓴다.\n\n\\newpage");
    const off = extractiveAnswer("새 페이지를 강제로 시작하는 명령은 무엇인가요?", [passage(1, text)], { tuning: { followingLeadIns: false } })!;
    expect(off.citations.map((citation) => citation.quote).join("\n")).not.toContain("\\newpage");
    // A sentence after it that is prose is not what was announced.
    const prose = extractiveAnswer("How do I list the packages?", [passage(1, "To list the packages, use the following command.\nEach output row shows one name and its version.")])!;
    expect(prose.citations.map((citation) => citation.quote)).toEqual(["To list the packages, use the following command."]);
  });

  it("finds a Korean compound however the sentence spaces it (연차휴가 / 연차 휴가)", () => {
    const text = "연차와 휴가 일수는 근속 기간에 따라 12일에서 25일까지 늘어난다. 연차 휴가는 입사 1년 후 15일이 부여된다.";
    const result = extractiveAnswer("연차휴가는 며칠 주나요?", [passage(1, text)])!;
    expect(result.citations[0]!.quote).toBe("연차 휴가는 입사 1년 후 15일이 부여된다.");
    const spaced = extractiveAnswer("연차휴가는 며칠 주나요?", [passage(1, text)], { tuning: { spacingFree: false } });
    expect(spaced?.citations[0]?.quote).not.toBe("연차 휴가는 입사 1년 후 15일이 부여된다.");
  });
  it("finds the English word a Korean question word transcribes (인치 / inch, 밀리미터 / millimetre)", () => {
    const text = "단위를 바꾸면 같은 글자도 크기가 달라 보인다. TeX 단위: 1 inch는 25.4 millimetre, 1 pt는 1/72.27 inch이다.";
    const question = "인치를 밀리미터로 바꾸면 얼마인가요?";
    const result = extractiveAnswer(question, [passage(1, text)])!;
    expect(result.citations[0]!.quote).toContain("1 inch는 25.4 millimetre");
    const off = extractiveAnswer(question, [passage(1, text)], { tuning: { loanwordWeight: 0 } });
    expect(off?.citations[0]?.quote).not.toContain("25.4");
  });

  it("does not take a native Korean word for an English one of a short skeleton", () => {
    // 바꾸 (P K) fits "back" and "pack": skeletons of fewer than three consonants never count.
    const text = "글꼴 목록은 설정 화면의 둘째 칸에 있다. Press the back button to go back to the list.";
    const question = "글꼴을 바꾸려면 어디로 가나요?";
    const result = extractiveAnswer(question, [passage(1, text)])!;
    expect(result.citations.map((citation) => citation.quote)).toEqual(["글꼴 목록은 설정 화면의 둘째 칸에 있다."]);
    const short = extractiveAnswer(question, [passage(1, text)], { tuning: { loanwordConsonants: 2 } })!;
    expect(short.citations.map((citation) => citation.quote)).toContain("Press the back button to go back to the list.");
  });

  it("quotes the command line a sentence starting with a Korean particle goes on from (과 같이 선언하여 …)", () => {
    // lshort-ko p. 26: the sentence's object is the displayed command on the line before it.
    const text =
      "여러 LATEX 패키지를 로드하여 쓰다 보면 어떤 명령이 이미 정의되었다는 에러를 만날 때가 있다. 이럴 때는 해당 패키지를 로딩하기 전에\n\n" +
      "\\ReleaseMacros{\\XeTeX,\\XeLaTeX}\n\n과 같이 선언하여 이미 정의된 매크로를 무력화하는 시도를 해볼 수 있다. 이 명령은 preamble에서만 쓰게 되어 있다.";
    const question = "이미 정의된 매크로를 무력화하는 선언은 어떻게 하나요?";
    const quotes = (options = {}) => extractiveAnswer(question, [passage(1, text)], options)!.citations.map((citation) => citation.quote);
    const withCommand = quotes();
    const at = withCommand.indexOf("과 같이 선언하여 이미 정의된 매크로를 무력화하는 시도를 해볼 수 있다.");
    expect(at).toBeGreaterThan(0);
    expect(withCommand[at - 1]).toBe("\\ReleaseMacros{\\XeTeX,\\XeLaTeX}");
    expect(quotes({ tuning: { particleFragments: false } })).not.toContain("\\ReleaseMacros{\\XeTeX,\\XeLaTeX}");
  });

  it("does not continue a table row of its own into the next paragraph, but still completes a sentence cut at a chunk's end", () => {
    // lshort-ko p. 117: a row of the table of TeX units, then an unrelated paragraph.
    const text =
      "표 6.5: TEX 단위\n\nmm millimetre ≈ 1/25 inch cm centimetre = 10 mm in inch = 25.4 mm pt point ≈ 1/72 inch\n\n" +
      "같은 문단 내에서, 또는 표 안에서 두 줄 사이에 간격을 주려면 다음과 같이 한다.\n\n\\\\[length]";
    const question = "인치는 밀리미터로 얼마인가요?";
    const quotes = (options = {}) => extractiveAnswer(question, [passage(1, text)], options)!.citations.map((citation) => citation.quote);
    expect(quotes()).toEqual(["mm millimetre ≈ 1/25 inch cm centimetre = 10 mm in inch = 25.4 mm pt point ≈ 1/72 inch"]);
    expect(quotes({ tuning: { rowsAreWhole: false } })).toContain("같은 문단 내에서, 또는 표 안에서 두 줄 사이에 간격을 주려면 다음과 같이 한다.");
    // A sentence that runs into the next chunk is not a row: it still brings its end.
    const cut = passage(1, "Files of less than about one hundred bytes tend to get larger, since the compression mechanism has a constant overhead of", {
      neighbours: { before: null, after: { chunkId: "next", text: "50 bytes. Random data is coded at about 8.05 bits per byte.", pageStart: 2, pageEnd: 2, pageSpans: [{ start: 0, page: 2 }], charStart: 120, charEnd: 180 } },
    });
    const small = extractiveAnswer("Why do very small files come out larger?", [cut])!.citations.map((citation) => citation.quote);
    expect(small.slice(0, 2)).toEqual([expect.stringContaining("tend to get larger"), "50 bytes."]);
  });
  it("quotes a lead-in and its command as one, so a second pair still fits in three quotes", () => {
    // lshort-ko p. 28: the line-break command's pair scores first; the page-break pair must still be shown.
    const text =
      "다음 명령은 강제로 줄나눔을 행하되 페이지나눔은 일어나지 않도록 하는 것이다.\n\n\\\\*\n\n" +
      "새 페이지를 시작하려면 다음 명령을 쓴다.\n\n\\newpage\n\n" +
      "백슬래시 두 개는 강제 줄나눔을 나타내는 명령으로 쓰이기 때문이다.";
    const question = "다음 쪽으로 강제로 넘기려면 무슨 명령을 쓰나요?";
    const quotes = (options = {}) => extractiveAnswer(question, [passage(1, text)], options)!.citations.map((citation) => citation.quote);
    expect(quotes()).toContain("새 페이지를 시작하려면 다음 명령을 쓴다.\n\n\\newpage");
    expect(quotes({ tuning: { leadInOneQuote: false } }).join("\n")).not.toContain("\\newpage");
    // A bullet between a lead-in and its line stays out of the quote: the two are quoted apart.
    const listed = extractiveAnswer("How do I check the package name of a .deb file?", [
      passage(1, "The package name of a .deb file can be checked in one of these ways:\n• inspect the Packages file of the archive site"),
    ])!;
    expect(listed.citations.map((citation) => citation.quote)).toEqual([
      "The package name of a .deb file can be checked in one of these ways:",
      "inspect the Packages file of the archive site",
    ]);
  });
  it.each([
    ["oblivoir에서 용지 크기와 여백을 정하는 명령은 인자를 몇 개 받나요?", ["인자"]],
    ["본문 한 줄에는 글자가 몇 자쯤 들어가나요?", ["글자"]],
    ["Roughly how many printers can Gutenprint drive?", ["printers"]],
    ["How much free disk do I need?", ["free", "disk"]],
    ["How much is it?", []],
    ["What block size does bzip2 use by default?", []],
  ])("reads what a quantity question counts: %s", (question, focus) => {
    expect(quantityFocus(question)).toEqual(focus);
  });

  it("prefers the quantity stated next to what the question counts (six arguments), not one further off", () => {
    const text =
      "The paper size command takes its arguments in millimetres, and the default paper width is 210 mm. " +
      "The paper size command takes six arguments separated by commas.";
    const question = "How many arguments does the paper size command take?";
    const first = (options = {}) => extractiveAnswer(question, [passage(1, text)], options)!.citations[0]!.quote;
    expect(first()).toBe("The paper size command takes six arguments separated by commas.");
    expect(first({ tuning: { focusBonus: 0 } })).toContain("210 mm");
  });

  it("does not read an ordinal (두 번째) as a quantity", () => {
    // oblivoir-simpledoc p. 21: "두 번째 … 인자" names an argument, it does not count them.
    const text = "이 명령은 용지 크기를 정하며 두 번째 인자로 높이를 받는다. 이 명령은 용지 크기를 정하는 여섯 개의 인자를 받는다.";
    const result = extractiveAnswer("용지 크기를 정하는 명령은 인자를 몇 개 받나요?", [passage(1, text)])!;
    expect(result.citations.map((citation) => citation.quote)).toEqual(["이 명령은 용지 크기를 정하는 여섯 개의 인자를 받는다."]);
  });
  it("never quotes a figure caption, even one the text layer joined to the paragraph after it", () => {
    // lshort-ko p. 118.
    const text =
      "\\paperwidth = 597pt \\paperheight = 845pt\n\n그림 6.2: 이 책의 레이아웃 파라미터. layouts 패키지를 이용하면 현재 문서의 레이아웃을 확인할 수 있다.\n\n" +
      "첫 번째 명령은 파라미터에 일정한 값을 부여하는 것이다.";
    const question = "문서의 레이아웃 파라미터는 어떻게 확인하나요?";
    const quotes = (options = {}) => extractiveAnswer(question, [passage(1, text)], options)!.citations.map((citation) => citation.quote);
    expect(quotes()).toContain("layouts 패키지를 이용하면 현재 문서의 레이아웃을 확인할 수 있다.");
    expect(quotes()).not.toContain("그림 6.2: 이 책의 레이아웃 파라미터.");
    expect(quotes({ tuning: { captionsAreFurniture: false } })).toContain("그림 6.2: 이 책의 레이아웃 파라미터.");
  });
});

describe("coverage inherited from structure (inheritedWeight)", () => {
  const question = "How can I salvage readable blocks from a corrupted bzip2 backup archive?";
  const body = "The recovery program writes each readable part into a file of its own.";

  it("counts the question words of the sentence's own section title for the body under it", () => {
    const section = passage(1, body, { headingPath: ["Reference", "Recovering blocks from a corrupted bzip2 archive"] });
    // The sentence holds one of seven question words: under `ownForContext`, so its heading does not count today.
    expect(extractiveAnswer(question, [section])).toBeNull();
    const result = extractiveAnswer(question, [section], { tuning: { inheritedWeight: 0.5 } });
    expect(result!.answer).toBe(`${body} [1]`);
    expect(result!.citations[0]).toMatchObject({ chunkId: "chunk-1", section: "Reference > Recovering blocks from a corrupted bzip2 archive" });
  });

  it("counts the question words of the sentence just before it in its paragraph, not across a blank line", () => {
    const lead = "To salvage blocks of a corrupted bzip2 backup archive, use bzip2recover.";
    const joined = passage(1, `${lead} ${body}`);
    const inherited = extractiveAnswer(question, [joined], { tuning: { inheritedWeight: 0.5 } })!;
    expect(inherited.answer).toContain(body);
    // After a blank line the lead is another paragraph: the body inherits nothing from it.
    const apart = passage(1, `${lead}\n\n${body}`);
    expect(extractiveAnswer(question, [apart], { tuning: { inheritedWeight: 0.5 } })!.answer).not.toContain(body);
  });

  it("reads only what inheritFrom and inheritInnermost name", () => {
    const lead = "To salvage blocks of a corrupted bzip2 backup archive, use bzip2recover.";
    const joined = passage(1, `${lead} ${body}`);
    const answer = (tuning: Parameters<typeof extractiveAnswer>[2]) => extractiveAnswer(question, [joined], tuning)!.answer;
    expect(answer({ tuning: { inheritedWeight: 0.5, inheritFrom: "previous" } })).toContain(body);
    expect(answer({ tuning: { inheritedWeight: 0.5, inheritFrom: "heading" } })).not.toContain(body);
    // The outer heading holds the question's words, the innermost one does not.
    const nested = passage(1, body, { headingPath: ["Recovering blocks from a corrupted bzip2 archive", "Output files"] });
    expect(extractiveAnswer(question, [nested], { tuning: { inheritedWeight: 0.5 } })!.answer).toBe(`${body} [1]`);
    expect(extractiveAnswer(question, [nested], { tuning: { inheritedWeight: 0.5, inheritInnermost: true } })).toBeNull();
  });

  it("does not answer from a section whose title alone holds the question's words", () => {
    const unrelated = passage(1, "Printing on both sides of the page needs a duplex unit. The tray holds 250 sheets.", {
      headingPath: ["Recovering readable blocks from a corrupted bzip2 backup archive"],
    });
    for (const inheritedWeight of [0.5, 1]) {
      expect(extractiveAnswer(question, [unrelated], { tuning: { inheritedWeight, valueNeighbour: true } })).toBeNull();
    }
  });
});

describe("an FAQ entry whose question holds every word asked", () => {
  const entry = passage(
    1,
    "What does http.postBuffer really do?\n\nThis option changes the size of the buffer that Git uses when pushing data to a remote over HTTP or HTTPS. " +
      "If the data is larger than this size, libcurl will use chunked transfer encoding.",
    { headingPath: ["gitfaq(7) Manual Page", "Configuration", "What does http.postBuffer really do?"], page: null },
  );

  it("answers with the first sentences under it when the first passage is that entry", () => {
    const result = extractiveAnswer("What does http.postBuffer do?", [entry, BZIP2]);
    expect(result).not.toBeNull();
    expect(result!.answer.startsWith("This option changes the size of the buffer")).toBe(true);
    expect(result!.citations[0]).toMatchObject({ chunkId: "chunk-1", verified: true });
  });

  it("puts the entry's own answer first even when a sentence elsewhere holds more of the question's words (faqEntryFirst)", () => {
    const faq = passage(
      1,
      "How do I specify my credentials when pushing over HTTP?\n\nThe easiest way to do this is to use a credential helper via the credential.helper configuration.",
      { headingPath: ["gitfaq(7) Manual Page", "Credentials", "How do I specify my credentials when pushing over HTTP?"], page: null },
    );
    const other = passage(2, "When pushing over HTTP, you should specify the remote's URL with your credentials in it only for testing.", { page: null });
    const question = "How do I specify my credentials when pushing over HTTP?";
    expect(extractiveAnswer(question, [faq, other], { tuning: { faqEntryFirst: false } })!.answer).toMatch(/^When pushing over HTTP/);
    expect(extractiveAnswer(question, [faq, other])!.answer).toMatch(/^The easiest way to do this is to use a credential helper/);
  });

  it("still refuses when the entry's question lacks a word asked, or the entry is not the first passage", () => {
    expect(extractiveAnswer("What does http.proxyAuth do?", [entry])).toBeNull();
    const statement = passage(1, entry.text, { headingPath: ["Configuration", "The http.postBuffer setting"], page: null });
    expect(extractiveAnswer("What does http.postBuffer do?", [statement])).toBeNull();
    const second = passage(2, entry.text, { headingPath: entry.headingPath, page: null });
    expect(extractiveAnswer("What does http.postBuffer do?", [LEAVE, second])).toBeNull();
  });
});

describe("an FAQ entry asked in other words, where nothing else answers (faqEntryShare)", () => {
  // A remittance FAQ (HTML): each entry a heading question with its answer under it.
  const question = "한패스에 가입하면 지금 쓰는 은행계좌가 해지되나요?";
  const entry = passage(
    1,
    "Q. 한패스 서비스에 가입하면, 기존에 쓰던 해외송금 계좌는 취소되나요?\n\n아닙니다, 기존에 이용하고 있는 어떤 은행계좌도 취소되거나 변경되지 않습니다.",
    { headingPath: ["Q. 한패스 서비스에 가입하면, 기존에 쓰던 해외송금 계좌는 취소되나요?"], page: null },
  );
  const other = passage(2, "Q. 회원 탈퇴는 어떻게 하나요?\n\nApp의 화면에서 [메뉴] > [설정] > [회원 탈퇴] 로 이동하여 탈퇴를 진행하실 수 있습니다.", {
    headingPath: ["Q. 회원 탈퇴는 어떻게 하나요?"],
    page: null,
  });
  const guide = passage(
    3,
    "은행계좌 등록 수에는 제한이 없습니다. 은행 점검 중에는 계좌 등록이 안 될 수 있습니다. 출금 계좌로 등록한 은행이 점검 중일 수 있습니다. " +
      "한패스 앱에서 계좌를 등록합니다. 한패스 고객센터는 평일에 운영합니다. 한패스 송금은 24시간 가능합니다. 가입 시 신분증 사본을 제출합니다. " +
      "등록한 계좌는 언제든 삭제할 수 있습니다.",
    { page: null },
  );

  it("answers with the entry's first sentence when its heading and that sentence hold half the words asked", () => {
    expect(extractiveAnswer(question, [entry, other, guide], { tuning: { faqEntryShare: 0 } })).toBeNull();
    expect(extractiveAnswer(question, [entry, other, guide])!.answer).toBe("아닙니다, 기존에 이용하고 있는 어떤 은행계좌도 취소되거나 변경되지 않습니다. [1]");
  });

  it("still refuses when the entry holds fewer of the words asked, or is not the first passage", () => {
    expect(extractiveAnswer("한패스 포인트는 지금 어디에서 쓸 수 있나요?", [entry, other, guide])).toBeNull();
    expect(extractiveAnswer(question, [other, { ...entry, chunkId: "chunk-9" }, guide])).toBeNull();
  });
});

describe("a question word naming a kind of value, held by such a value (valueClasses)", () => {
  const start = passage(
    1,
    "회원가입\n\n자주 방문하는 사용자는 회원가입을 통하여 회원으로 방문예약 서비스를 사용할 수 있습니다\n\n" +
      "비회원 방문예약은 회원 가입을 하지 않고 바로 진행할 수 있습니다\n\nvisit.lg.com 을 통하여 접속하며 회원 가입 또는 비회원 방문예약을 선택합니다.",
  );
  const contacts = passage(2, "Key contacts: the IT helpdesk answers at ext. 4357 on weekdays. The security team is at security@example.com around the clock.");

  it("quotes the sentence with the URL for a site's address, the e-mail for an e-mail address", () => {
    const url = "visit.lg.com 을 통하여 접속하며 회원 가입 또는 비회원 방문예약을 선택합니다.";
    expect(extractiveAnswer("방문예약 사이트 주소가 뭐예요?", [start], { tuning: { valueClasses: false } })?.citations[0]?.quote).not.toBe(url);
    expect(extractiveAnswer("방문예약 사이트 주소가 뭐예요?", [start])!.citations[0]!.quote).toBe(url);
    expect(extractiveAnswer("What is the security team's email address?", [contacts])!.citations[0]!.quote).toBe(
      "The security team is at security@example.com around the clock.",
    );
  });

  it("does not take a plain number for a phone number, nor a file name for a site", () => {
    const text = "The form number is 4357-11 on the cover. The site map is in sitemap.xml for the web team.";
    expect(extractiveAnswer("What is the helpdesk phone extension?", [passage(1, text)])).toBeNull();
  });
});

describe("a file or program name's digits (identifierDigits)", () => {
  // A setup guide: sapjco3.dll goes to System32; a deployment guide's numbered steps move other files.
  const setup = passage(
    1,
    "온보딩 리소스에서 다운로드:\nsapjco3-NTAMD64-3.0.16.zip\nsapjco3.zip\n\n온보딩 리소스에서 파일을 다운로드합니다.\n\n설치 파일은 기억하기 쉬운 위치에 둡니다.\n\n압축 해제 후:\nsapjco3.dll → C:\\Windows\\System32\n" +
      "sapjco3.jar → 프로젝트 우클릭 → Add External JARs",
    { page: null },
  );
  const deploy = passage(
    2,
    "WinSCP 연결 후 파일 이동:\n\n1. 새 WAR 파일 → /WAR 폴더\n\n2. 기존 ROOT.war 백업\n\n3. 기존 ROOT 파일에 날짜 추가\n\n4. 새 파일을 ROOT.war로 이름 변경",
    { page: null },
  );

  it("does not count a list number as part of the name sapjco3.dll", () => {
    const question = "sapjco3.dll 파일은 어디에 넣나요?";
    expect(extractiveAnswer(question, [setup, deploy], { tuning: { identifierDigits: true } })!.citations[0]!.quote).not.toBe("sapjco3.dll → C:\\Windows\\System32");
    expect(extractiveAnswer(question, [setup, deploy])!.citations[0]!.quote).toBe("sapjco3.dll → C:\\Windows\\System32");
  });
});

describe("an FAQ question written as a line of the text, its answer the paragraph after it (faqLineFirst)", () => {
  // A manual's FAQ chapter in a PDF: questions are plain lines, no headings, several entries to a chunk.
  const faq = passage(
    1,
    "8. FAQ\n\nPlease also check the forum.\n\nSmarty error or blank screen is shown instead of login page.\n\n" +
      "Verify if write permissions are for the temp directory.\n\nDoes TestLink support Secured HTTPS connection?\n\n" +
      "Yes, it's settings of your web server.\n\nlang_api.php Error is shown instead of login page.\n\n" +
      "You need the iconv module; with UTF-8 support the connection to your server is secured by its settings.",
  );
  const other = passage(2, "Hint: Improve security by using https protocol if your server is accessible from internet.");

  it("quotes the answer under the question line holding every word asked, in the first passage", () => {
    const question = "Does TestLink support HTTPS?";
    expect(extractiveAnswer(question, [faq, other], { tuning: { faqLineFirst: false } })!.answer).not.toMatch(/^Yes, it's settings/);
    const result = extractiveAnswer(question, [faq, other])!;
    expect(result.answer).toBe("Yes, it's settings of your web server. [1]");
    expect(result.citations[0]).toMatchObject({ chunkId: "chunk-1", verified: true });
  });

  it("leaves the answer to scoring when no question line holds every word, or the entry is not the first passage", () => {
    const question = "Does TestLink support LDAP?";
    expect(extractiveAnswer(question, [faq, other])?.answer ?? "").not.toMatch(/^Yes, it's settings/);
    expect(extractiveAnswer("Does TestLink support HTTPS?", [other, faq])!.answer).not.toMatch(/^Yes, it's settings/);
  });
});

describe("the value asked for next to the best sentence (valueNeighbour)", () => {
  const best = "Decompression memory depends on the block size stored in the file header.";
  const value = "Up to 3700 kbytes of working space are then used.";
  const manual = passage(1, `${best} ${value} The header is checked first.`);

  it("quotes the sentence holding a quantity right after the best sentence, which holds none", () => {
    const question = "How much memory does decompression need?";
    expect(extractiveAnswer(question, [manual])!.answer).not.toContain("3700");
    const result = extractiveAnswer(question, [manual], { tuning: { valueNeighbour: true } })!;
    expect(result.answer).toBe(`${best} [1] ${value} [2]`);
    expect(result.citations.map((citation) => citation.verified)).toEqual([true, true]);
  });

  it("reads a question about a default as asking for a value", () => {
    const question = "What is the decompression memory default?";
    expect(extractiveAnswer(question, [manual], { tuning: { valueNeighbour: true } })!.answer).toContain(value);
  });

  it("takes a which-command question's name as the value only with valueNeighbourNames", () => {
    const best = "Important words were underlined on typewriters to mark them.";
    const typed = passage(1, `${best} Type \\emph{text} or \\textit{text} in the source. Print the page.`);
    const question = "Which command marks important words instead of underlining?";
    expect(extractiveAnswer(question, [typed], { tuning: { valueNeighbour: true } })!.answer).toBe(`${best} [1]`);
    const result = extractiveAnswer(question, [typed], { tuning: { valueNeighbour: true, valueNeighbourNames: true } })!;
    expect(result.answer).toBe(`${best} [1] Type \\emph{text} or \\textit{text} in the source. [2]`);
  });

  it("leaves a question that does not ask for a value, and a best sentence holding one, as they were", () => {
    const steps = "How do I check decompression memory of a file?";
    const options = { tuning: { valueNeighbour: true } };
    expect(extractiveAnswer(steps, [manual], options)).toEqual(extractiveAnswer(steps, [manual]));
    const stated = passage(1, `Decompression memory is 3700 kbytes for the largest block size. ${value}`);
    const question = "How much memory does decompression need?";
    expect(extractiveAnswer(question, [stated], options)).toEqual(extractiveAnswer(question, [stated]));
  });

  it("still says not found when the best sentence covers too little of the question", () => {
    const spooler = passage(1, "The spooler queue is emptied every night by cron. It holds 50 jobs at most.");
    const question = "How much memory does the print spooler daemon need on a busy file server?";
    expect(extractiveAnswer(question, [spooler], { tuning: { valueNeighbour: true, inheritedWeight: 1 } })).toBeNull();
  });
});

describe("questionWordsIn", () => {
  it("counts the question's content words a text holds as the picker reads them: stemmed, endings cut, spacing free", () => {
    // deleting / delete by stem; "How", "do", "I", "the" are not content words.
    expect(questionWordsIn("How do I stop deleting the original files?", "Keep (don't delete) input files.")).toEqual({ held: 2, asked: 4 });
    // 블록크기는 → 블록크기, found however the text spaces it; 바꾸려면 → 바꾸 is not in the text.
    expect(questionWordsIn("블록크기는 어떻게 바꾸려면?", "블록 크기를 정한다.")).toEqual({ held: 1, asked: 2 });
    expect(questionWordsIn("웹 페이지로 변환할 수 있나요?", "lwarp로 HTML을 만든다.").held).toBe(0);
  });
});

describe("a sentence naming terms and the lines defining them after it (termLines, ansaudit3)", () => {
  // A troubleshooting page: the sentence says two things differ, the list under it says how, one "term: …" line each.
  const page = passage(
    1,
    "OpenBao 관련\n\nOpenBao가 sealed 상태인지 확인하고, 필요 시 unseal 후 재시도\nKV v2 마운트가 실제로 존재하는지 확인\n" +
      "언실 키와 root token은 역할이 다릅니다.\n언실 키: sealed 해제\nroot token: 부트스트랩/비상 관리자 작업 권한\n\n" +
      "런타임 인증 누락\n\n증상: root token 누락, permission denied",
    { page: null },
  );

  it("quotes the lines whose terms the sentence names with it, as one quote", () => {
    const question = "언실 키와 root token은 각각 무슨 용도인가요?";
    // Without termLines the lines are no part of the sentence's quote (list items in a page-less text, they may be quotes of their own).
    expect(extractiveAnswer(question, [page], { tuning: { termLines: false } })!.answer).not.toMatch(/다릅니다\. 언실 키/);
    const result = extractiveAnswer(question, [page])!;
    expect(result.answer).toMatch(/^언실 키와 root token은 역할이 다릅니다\. 언실 키: sealed 해제 root token: 부트스트랩\/비상 관리자 작업 권한 \[1\]/);
    expect(result.citations[0]!.verified).toBe(true);
  });

  it("leaves a line whose term the sentence does not name", () => {
    const other = passage(1, "언실 키와 root token은 역할이 다릅니다.\n증상: permission denied\n\n다른 문단입니다.", { page: null });
    expect(extractiveAnswer("언실 키와 root token은 각각 무슨 용도인가요?", [other])!.answer).not.toContain("증상");
  });
});

describe("what a quoted sentence needs from the text right after it (ansaudit2)", () => {
  const page = { page: null, pageStart: null, pageEnd: null, pageSpans: [] };

  it("quotes, with a sentence, the next one of its paragraph that refers back to it (이럴 때, this feature), as one quote", () => {
    const korean =
      "목차 안의 절 제목 글꼴은 하나씩 바꿀 수 있지만, 가끔 목차 전체의 글꼴을 한꺼번에 바꾸고 싶을 때가 있습니다. " +
      "이럴 때는 \\tocfont 매크로를 재정의하면 됩니다. 기본값은 \\rmfamily입니다.";
    const ko = extractiveAnswer("목차 전체의 글꼴을 바꾸려면 어떻게 하나요?", [passage(1, korean, page)])!;
    expect(ko.citations[0]!.quote).toBe(
      "목차 안의 절 제목 글꼴은 하나씩 바꿀 수 있지만, 가끔 목차 전체의 글꼴을 한꺼번에 바꾸고 싶을 때가 있습니다. 이럴 때는 \\tocfont 매크로를 재정의하면 됩니다.",
    );
    expect(ko.citations[0]!.verified).toBe(true);
    const off = extractiveAnswer("목차 전체의 글꼴을 바꾸려면 어떻게 하나요?", [passage(1, korean, page)], { tuning: { followOns: false } })!;
    expect(off.citations[0]!.quote).not.toContain("이럴 때는");
    const english =
      "GRND_FAST: fast rounding. This feature is currently experimental. Other modes round to nearest.\n\n" +
      "Rounding to nearest is the default for every function.";
    const en = extractiveAnswer("Is fast rounding stable?", [passage(1, english, page)])!;
    expect(en.citations[0]!.quote).toBe("GRND_FAST: fast rounding. This feature is currently experimental.");
    // The next sentence of another paragraph, or one that does not refer back, is not brought.
    const plain = extractiveAnswer("What does fast rounding do?", [passage(1, "GRND_FAST: fast rounding. Other modes round to nearest.", page)])!;
    expect(plain.citations[0]!.quote).toBe("GRND_FAST: fast rounding.");
  });

  it("reads the first item of a numbered list after a colon as the line the lead-in leads to, not a heading", () => {
    const text =
      "Options\n\nThere are four places for package options:\n\n1. Global: in the document class options\n\n" +
      "2. Package: in the package's own options\n\nThe following options affect bookmarks only.";
    const result = extractiveAnswer("Where can package options be given?", [passage(1, text, page)])!;
    expect(result.citations[0]!.quote).toBe("There are four places for package options:\n\n1. Global: in the document class options");
    const off = extractiveAnswer("Where can package options be given?", [passage(1, text, page)], { tuning: { listAfterColon: false } })!;
    expect(off.citations[0]!.quote).not.toContain("1. Global");
    // A numbered heading after a sentence without a colon is still not quoted with it.
    const heading = "Bookmarks are made from the section titles.\n\n1. Options\n\nThe options follow.";
    expect(extractiveAnswer("How are bookmarks made?", [passage(1, heading, page)])!.citations[0]!.quote).toBe(
      "Bookmarks are made from the section titles.",
    );
  });

  it("does not quote again a sentence already inside a longer quote from an overlapping chunk", () => {
    const text =
      "[v2.0] 다음 옵션을 줄 수 있습니다.\n\\usepackage[level=part]{toc}\n" +
      "가끔 목차 전체의 글꼴을 한꺼번에 바꾸고 싶을 때가 있습니다. 이럴 때는 \\tocfont 매크로를 재정의하면 됩니다.";
    const doc = { documentId: "manual", page: null, pageStart: null, pageEnd: null, pageSpans: [] };
    const whole = passage(1, text, doc);
    const overlap = passage(2, "[v2.0] 다음 옵션을 줄 수 있습니다.\n가끔 목차 전체의 글꼴을 한꺼번에 바꾸고 싶을 때가 있습니다.", doc);
    for (const question of ["목차 전체의 글꼴을 바꾸려면 어떻게 하나요?", "목차에 줄 수 있는 옵션은 무엇인가요?"]) {
      const quotes = extractiveAnswer(question, [whole, overlap])!.citations.map((citation) => citation.quote.replace(/\s+/g, " "));
      for (const [i, quote] of quotes.entries()) {
        expect(quotes.filter((other, j) => j !== i && other.includes(quote))).toEqual([]);
      }
    }
  });

  it("brings an example's command through the sentence announcing it (예를 들어 다음과 같이 합니다)", () => {
    const text = "chroot 후에는 기본 시스템과 호환되는 터미널 정의가 필요할 수 있습니다. 예를 들어 다음과 같이 합니다.\n\n# export TERM=xterm-color\n\n패키지를 더 설치해야 할 수도 있습니다.";
    const result = extractiveAnswer("chroot 후 터미널 정의는 어떻게 설정하나요?", [passage(1, text, page)])!;
    expect(result.answer).toContain("# export TERM=xterm-color [1]");
    expect(result.citations).toHaveLength(result.answer.match(/\[\d+\]/g)!.length);
  });

  it("reads a sentence ending in an article or preposition before a line of its own as leading to that line", () => {
    const text =
      "The Code\n\nThe program code (that is, anything not under the /doc subtree) is distributed under the\n\nCreative Commons GNU GPL\n\n" +
      "For practical purposes distributors may also choose another licence.";
    const result = extractiveAnswer("Under which licence is the program code distributed?", [passage(1, text, page)])!;
    expect(result.citations[0]!.quote).toBe(
      "The program code (that is, anything not under the /doc subtree) is distributed under the\n\nCreative Commons GNU GPL",
    );
  });

  it("for a how-to question, quotes the code line that follows the sentence describing it", () => {
    const text =
      "이 패키지가 영향을 미치는 수식 환경은 array, matrix, cases, align이다. " +
      "이 가운데 행간 조절에서 빼고자 하는 환경의 이름을 쉼표로 분리하고 중괄호로 묶어서 열거할 수 있다.\n\n" +
      "\\usepackage[exception={cases,vmatrix}]{ob-pkg}\n\n다만 align과 aligned는 서로 다른 환경이다.";
    const result = extractiveAnswer("특정 수식 환경만 행간 조절에서 빼려면 어떻게 하나요?", [passage(1, text, page)])!;
    expect(result.answer).toContain("\\usepackage[exception={cases,vmatrix}]{ob-pkg}");
    // Not for a question that asks no steps: the description is the answer.
    const what = extractiveAnswer("행간 조절에서 뺄 환경은 무엇으로 분리하나요?", [passage(1, text, page)])!;
    expect(what.answer).not.toContain("\\usepackage");
  });

  it("reads a span of days said in words (일주일 전, a week before) as the date a when question asks for", () => {
    const text =
      "ㅁ) 학원 외출\n\n- 사전에 담임에게 학원 수강증을 제출하고(학부모 확인) 학교 결재를 마친 학생에 한해 학원 외출이 가능하다.\n\n" +
      "- 과외의 경우 강사 연락처가 명시된 수강 확인증을 제출하여야 한다.\n\n- 수강증 제출은 수강 전달 일주일 전에 미리 제출한다.";
    expect(extractiveAnswer("학원 수강증은 언제까지 제출해야 하나요?", [passage(1, text, page)])!.answer).toContain("일주일 전");
    const english = "Submit the form to your manager and HR. Approval takes a few days.\n\nSubmit the form a week before the trip.";
    expect(extractiveAnswer("When do I submit the travel form to HR?", [passage(1, english, page)])!.answer).toContain("a week before");
  });

  it("quotes a menu path line (A -> B -> C) of its own, which is no heading", () => {
    const text = "Check Logs and EventViewer\n\nWindow logs\n\nEventViewer -> Application and Service Logs -> Microsoft -> Windows -> Rasclient\n\nVPN Client Logs\n\nMany VPN apps have built-in log windows or an export function.";
    expect(extractiveAnswer("Where are the Windows VPN logs in the EventViewer?", [passage(1, text, page)])!.answer).toContain("Rasclient");
  });

  describe("a \"label: value\" line of its own (labelLines)", () => {
    // Web pages and forms set such lines apart with blank lines, as they do headings; the value is the answer.
    const hr = passage(1, "Human Resources\n\nLead: Linda Park (HR Director)\n\nOnboarding, employee happiness metrics, and very sincere paperwork.", {
      ...page,
      headingPath: ["Our Departments", "Human Resources"],
    });
    const top = passage(2, "Our Departments\n\nEach department runs like a miniature corporation.\n\nInternal: Department leads report to the Leadership Council. Please include a GIF.", {
      ...page,
      headingPath: ["Our Departments"],
    });
    const leave = passage(3, "휴가 신청\n\n담당 부서: 인사팀\n\n휴가는 3일 전까지 신청한다.", { ...page, headingPath: ["휴가 신청"] });

    it("is quoted for a who question", () => {
      expect(extractiveAnswer("Who leads Human Resources?", [hr, top])!.citations[0]!.quote).toBe("Lead: Linda Park (HR Director)");
      expect(extractiveAnswer("휴가 신청 담당 부서는 어디인가요?", [leave])!.answer).toContain("담당 부서: 인사팀");
    });

    it("is still a heading when it heads its own chunk, a neighbour's too", () => {
      const hit = passage(1, "TroubleShooting Steps\n\nTest direct print vs through print server", { ...page, headingPath: ["Slow Printing", "TroubleShooting Steps"] });
      const neighbour = {
        chunkId: "next",
        text: "Poor print quality\n\nSymptoms: Streaks, faded text, spots",
        headingPath: ["Poor print quality", "Symptoms: Streaks, faded text, spots"],
        pageStart: null,
        pageEnd: null,
        pageSpans: [],
        charStart: 100,
        charEnd: 150,
      };
      const result = extractiveAnswer("What should I do when prints have streaks and faded text?", [{ ...hit, neighbours: { before: null, after: neighbour } }]);
      expect(result?.answer ?? "").not.toContain("Symptoms:");
      // Nor does a line without a full stop ending the chunk before go on into it.
      const slow =
        "TroubleShooting Steps\n\nCheck printer memory/queue - too many jobs backed up\nRestart Printer Service\n\n" +
        "net stop spooler && net start spooler\n\nUpdate the printer driver\nTest direct print vs through print server";
      const symptoms = passage(2, neighbour.text, {
        ...page,
        headingPath: neighbour.headingPath,
        neighbours: {
          before: { ...neighbour, chunkId: "before", text: slow, headingPath: ["Slow Printing", "TroubleShooting Steps"] },
          after: { ...neighbour, chunkId: "after", text: "TroubleShooting Steps\n\nRun printer's cleaning cycle\nCheck toner/ink quality", headingPath: ["Poor print quality", "TroubleShooting Steps"] },
        },
      });
      const ending = extractiveAnswer("What should I do when prints have streaks and faded text?", [symptoms]);
      expect(ending?.answer ?? "").not.toContain("Symptoms:");
    });

    it("is still a heading when its label is a numbered part (Chapter 3: Installation)", () => {
      const text = "Chapter 3: Installation\n\nThe installer asks for the target disk first.";
      const result = extractiveAnswer("What does the installer ask for in the installation chapter?", [passage(1, text, page)])!;
      expect(result.answer).not.toContain("Chapter 3");
    });
  });

  describe("a line without a full stop that leads to a code block (stepsCodeLines)", () => {
    // Markdown playbooks and install guides: a list item or a line naming the systems, then the commands in a fence.
    const printer =
      "TroubleShooting Steps\n\nCheck printer memory/queue - too many jobs backed up\nRestart Printer Service\n\n" +
      "net stop spooler && net start spooler\n\nUpdate the printer driver\nTest direct print vs through print server";
    const uninstall =
      "서비스에서 제거\n\nCentOS(RHEL) Linux 8 / CentOS(RHEL) Linux 7 / Ubuntu 20.04\n\n$ systemctl disable opmsvc\n$ rm /etc/systemd/system/opmsvc.service\n\n" +
      "CentOS(RHEL) Linux 6 / CentOS(RHEL) Linux 5\n\n$ chkconfig --del opmsvc\n$ rm /etc/init.d/opmsvc";

    it("quotes the command after a list item naming the step", () => {
      const result = extractiveAnswer("How do I restart the printer service?", [passage(1, printer, page)])!;
      expect(result.citations[0]!.quote).toBe("Restart Printer Service\n\nnet stop spooler && net start spooler");
    });

    it("quotes the whole block after the line naming the systems it is for", () => {
      const result = extractiveAnswer("CentOS 6에서 서비스에서 제거하려면 어떻게 하나요?", [passage(1, uninstall, page)])!;
      expect(result.answer).toContain("$ chkconfig --del opmsvc");
      expect(result.answer).toContain("$ rm /etc/init.d/opmsvc");
    });

    it("quotes the command a comment line in a code block describes", () => {
      const text = "Step Seven\n\n# Check DNS suffixes assigned by VPN\nGet-DnsClientServerAddress\n\n# Flush caches\nClear-DnsClientCache\n\n# If DNS is not updating, force re-register\nipconfig /registerdns";
      const result = extractiveAnswer("How do I flush the caches?", [passage(1, text, page)])!;
      expect(result.citations[0]!.quote).toBe("# Flush caches\nClear-DnsClientCache");
    });

    it("quotes the command for a question asking for the command by name", () => {
      const result = extractiveAnswer("CentOS 6에서 서비스에서 제거하는 명령어는?", [passage(1, uninstall, page)])!;
      expect(result.answer).toContain("$ chkconfig --del opmsvc");
    });

    it("quotes a heading with the code block it heads", () => {
      const text = "압축 해제 및 인스톨러 실행\n\n$ gunzip opm-agent.tar.gz\n$ tar -xvf opm-agent.tar\n$ cd opm-agent\n$ ./install.sh\n\n설치가 끝나면 로그를 확인합니다.";
      const result = extractiveAnswer("인스톨러는 어떻게 실행하나요?", [passage(1, text, page)])!;
      expect(result.citations[0]!.quote).toBe("압축 해제 및 인스톨러 실행\n\n$ gunzip opm-agent.tar.gz\n$ tar -xvf opm-agent.tar\n$ cd opm-agent\n$ ./install.sh");
    });

    it("leaves the line alone for a question asking no steps", () => {
      const result = extractiveAnswer("Is Ubuntu 20.04 listed with CentOS Linux 8?", [passage(1, uninstall, page)])!;
      expect(result.answer).toBe("CentOS(RHEL) Linux 8 / CentOS(RHEL) Linux 7 / Ubuntu 20.04 [1]");
      // Nor is a line restating the question quoted for one: it is left out as before.
      const why = extractiveAnswer("Why restart the printer service?", [passage(1, printer, page)])!;
      expect(why.answer).not.toContain("net stop spooler");
    });
  });

  it("does not take a line naming the answer (an identifier the question lacks) for a restatement of the question", () => {
    const text = "The following modes are supported:\n\nGRND_RNDN: round to nearest.\nGRND_RNDZ: round toward zero.\nGRND_RNDA: round away from zero.";
    const result = extractiveAnswer("Which GRND rounding mode rounds away from zero?", [passage(1, text, page)])!;
    expect(result.citations[0]!.quote).toBe("GRND_RNDA: round away from zero.");
  });

  it("quotes first from the documents of the first hits when one of their sentences answers (firstFromTopHits)", () => {
    const doc = (n: number, documentId: string, text: string) =>
      passage(n, text, { documentId, source: `${documentId}.pdf`, page: 10 + n, pageStart: 10 + n, pageEnd: 10 + n, pageSpans: [{ start: 0, page: 10 + n }] });
    const passages = [
      doc(1, "hyperref", "Options\n\nThere are four places for hyperref options:\n\n1. Global: in the document class\n\n2. Package: in the package options"),
      doc(2, "hyperref", "Package hyperref has options for bookmarks. Its options for links set colours and borders. Some hyperref options only work with one driver."),
      doc(3, "hyperref", "Package hyperref takes its options as key value pairs. The hyperref options for PDF information set the title. Unknown hyperref options are reported."),
      doc(4, "fhs", "Other files that are not specific to a given DTD may reside in their own subdirectory."),
    ];
    const question = "Where can hyperref options be given?";
    const result = extractiveAnswer(question, passages)!;
    expect(result.citations[0]!.source).toBe("hyperref.pdf");
    expect(result.citations.map((citation) => citation.source)).not.toContain("fhs.pdf");
    const off = extractiveAnswer(question, passages, { tuning: { firstFromTopHits: 0 } })!;
    expect(off.citations[0]!.source).toBe("fhs.pdf");
  });
});

describe("unheldQuestionWords", () => {
  const rules = passage(1, "연차 휴가는 사용하려는 날의 3일 전까지 인사 시스템에서 신청합니다. 팀장이 승인하면 신청이 확정됩니다.", {
    headingPath: ["휴가 규정", "연차 휴가"],
  });
  const words = (question: string, passages = [rules], related?: Parameters<typeof unheldQuestionWords>[2]) =>
    unheldQuestionWords(question, passages, related).unheld.map((word) => word.word);

  it("names the content words no passage holds, as the question writes them, with the terms search looked for", () => {
    const { unheld, words: all } = unheldQuestionWords("재택근무 신청은 어떻게 하나요?", [rules]);
    expect(unheld).toEqual([{ word: "재택근무", terms: ["재택", "택근", "근무"] }]);
    expect(all.map((word) => word.word)).toEqual(["재택근무", "신청"]);
    expect(words("How do I configure Kubernetes ingress?", [BZIP2])).toEqual(["configure", "Kubernetes", "ingress"]);
  });

  it("counts a word held however a passage spaces it, in a heading or title, or through a related word said in a row", () => {
    const spaced = passage(2, "재택 근무는 주 2일까지 신청할 수 있습니다.");
    expect(words("재택근무 신청은 어떻게 하나요?", [spaced])).toEqual([]);
    expect(words("연차휴가 규정은?", [passage(3, "본문", { headingPath: ["연차 휴가 규정"] })])).toEqual([]);
    expect(words("연차휴가 규정은?", [passage(3, "본문", { title: "연차휴가 규정" })])).toEqual([]);
    const english = passage(4, "Employees may work from home two days a week after approval.");
    const related = (term: string) => (term === "재택" ? [{ term: "work from home", weight: 0.5 }] : []);
    expect(words("재택근무 가능한가요?", [english], related)).toEqual([]);
    // The words of a related phrase scattered over the text do not hold it.
    const scattered = passage(5, "Work hours are fixed. Send the form from your home address.");
    expect(words("재택근무 가능한가요?", [scattered], related)).toEqual(["재택근무"]);
  });

  it("leaves out Korean predicates in the past and shows a word without 을/를/은/는/의", () => {
    const unheld = words("USB를 꽂았을 때 무슨 이름으로 잡혔는지 보려면?", [passage(6, "장치 목록을 봅니다.")]);
    expect(unheld).toContain("USB");
    expect(unheld.filter((word) => /꽂았|잡혔/.test(word))).toEqual([]);
    expect(words("인치를 밀리미터로 바꾸면?", [passage(7, "1 inch is 25.4 millimeters.")])).toContain("인치");
  });
});

describe("a list item without a full stop in a document without pages (ansaudit4)", () => {
  // Markdown, HTML and Word text sets every heading apart with blank lines and puts a list's items on lines of their
  // own; an item without a full stop has a heading's shape, but a line of text right before or after it.
  const handbook = passage(
    1,
    "Hybrid Schedule\n\nStandard arrangement: 3 days in-office, 2 days remote per week\n" +
      "Core in-office days are Tuesday and Thursday for team collaboration\n" +
      "Fully remote positions are available for certain roles with VP approval\n\nAnnual Reviews\n\nConducted in Q4 each year\n" +
      "Self-assessment due by November 1\nManager feedback provided by December 15",
    { page: null },
  );
  const refund = passage(
    2,
    "제4조(환불이 불가능한 경우)\n\n회원의 단순 변심으로 인한 환불 요청\n이미 제공된 서비스에 대한 환불 요청\n" +
      "프로모션, 할인, 쿠폰 등으로 제공된 서비스의 경우\n\n제5조(기타 사항)\n\n" +
      "환불 절차는 서비스의 종류와 환불 신청 시점에 따라 다를 수 있으며, 자세한 내용은 고객 지원팀에 문의하시기 바랍니다.",
    { page: null },
  );

  it("quotes the item that answers", () => {
    expect(extractiveAnswer("Which days are core in-office days?", [handbook])!.answer).toMatch(
      /^Core in-office days are Tuesday and Thursday for team collaboration \[1\]/,
    );
    expect(extractiveAnswer("When is the self-assessment due?", [handbook])!.answer).toMatch(/^Self-assessment due by November 1 \[1\]/);
    expect(extractiveAnswer("쿠폰으로 받은 서비스도 환불되나요?", [refund])!.answer).toMatch(/^프로모션, 할인, 쿠폰 등으로 제공된 서비스의 경우 \[1\]/);
  });

  it("still quotes no heading set apart by blank lines", () => {
    expect(extractiveAnswer("When are annual reviews conducted?", [handbook])!.answer).not.toContain("Annual Reviews");
    expect(extractiveAnswer("환불이 불가능한 경우는?", [refund])!.answer).not.toContain("제4조(환불이 불가능한 경우)");
  });
});

describe("lines a quote brings after it (ansaudit7)", () => {
  const page = (n: number, text: string, headingPath: string[] = []) => passage(n, text, { page: null, pageEnd: null, headingPath });
  const quotesOf = (result: ReturnType<typeof extractiveAnswer>) => result!.citations.map((citation) => citation.quote);

  it("brings no line without a letter or a digit (a code block's \"],\") as the rest of a sentence ending in a comma", () => {
    const seeder = page(1, "'question' => '교환은 어떻게 진행되나요?',\n'answer' => '교환은 반품 후 재주문 방식으로 진행됩니다.',\n],\n[\n'category' => 'account',");
    const result = extractiveAnswer("교환은 어떤 방식으로 진행되나요?", [seeder]);
    expect(result!.answer).toContain("교환은 반품 후 재주문 방식으로 진행됩니다.");
    expect(quotesOf(result).every((quote) => /[\p{L}\p{N}]/u.test(quote))).toBe(true);
  });

  it("quotes a sentence introducing a numbered list with the list's steps", () => {
    const staff = page(
      1,
      "재활성화\n\n비활성화된 직원을 다시 활성화할 수 있습니다.\n\n1. 비활성 직원의 수정 버튼 클릭\n2. 상태를 활성으로 변경\n3. 변경사항 저장 버튼 클릭",
      ["직원 관리", "재활성화"],
    );
    const other = page(2, "회사 직원을 초대하고, 역할과 권한을 설정하는 방법을 설명합니다.");
    const result = extractiveAnswer("비활성화된 직원을 다시 활성화하는 방법은?", [staff, other]);
    expect(result!.citations[0]!.quote).toContain("2. 상태를 활성으로 변경");
    expect(result!.citations[0]!.verified).toBe(true);
    // Off, the introduction and the first step are quoted apart and the second step is not.
    expect(extractiveAnswer("비활성화된 직원을 다시 활성화하는 방법은?", [staff, other], { tuning: { listLines: false } })!.answer).not.toContain(
      "상태를 활성으로 변경",
    );
  });

  it("quotes a line restating the problem with the numbered steps under it", () => {
    const lost = page(
      1,
      "3. 스마트폰 분실 시 대처법\n\n스마트폰을 잃어버렸어요!\n\n1. 즉시 관리자에게 연락\n관리자가 계정을 임시로 잠금\n2. 새 스마트폰 구입 후\n관리자에게 2단계 인증 재설정 요청",
      ["3. 스마트폰 분실 시 대처법"],
    );
    expect(extractiveAnswer("스마트폰을 잃어버리면 제일 먼저 뭘 해야 하나요?", [lost])!.answer).toContain("즉시 관리자에게 연락");
    expect(extractiveAnswer("스마트폰을 잃어버리면 제일 먼저 뭘 해야 하나요?", [lost], { tuning: { listLines: false } })!.answer).not.toContain("즉시 관리자에게 연락");
  });

  it("quotes a numbered step with the lines under it, up to the next step", () => {
    const remote = page(
      1,
      '4. RSupport에 로그인한다.\n\n5. 고객에게 원격지원 프로그램을 실행 요청한다.\n"고객님, 체크가 활성화된 상태에서 F4를 눌러주세요."\n"고객님, 검색란에 9028을 입력해 주세요."\n6. 설치된 프로그램을 통해 고객 화면에 접속한다.',
    );
    const result = extractiveAnswer("원격지원할 때 고객에게 어떤 키를 누르라고 안내하나요?", [remote]);
    expect(result!.citations[0]!.quote).toContain("F4를 눌러주세요");
    expect(result!.citations[0]!.quote).not.toContain("6. 설치된");
    const off = extractiveAnswer("원격지원할 때 고객에게 어떤 키를 누르라고 안내하나요?", [remote], { tuning: { listLines: false } });
    expect(off!.citations[0]!.quote).not.toContain("F4");
  });

  it("does not join a numbered heading's paragraph that runs over a quote's length", () => {
    const long = "가".repeat(120);
    const manual = page(1, `설치 방법을 설명합니다.\n1. 설치\n${long} 설치한다.\n2. 설정\n${long} 설정한다.`);
    const result = extractiveAnswer("설치 방법을 설명하나요?", [manual]);
    expect(result!.citations[0]!.quote.length).toBeLessThanOrEqual(250);
  });
});

describe("a verdict the question lacks is no restatement of it (ansaudit7)", () => {
  it("quotes '✅ 가능: …' for a yes/no question holding every other word of it", () => {
    const phones = passage(
      1,
      "4. 여러 기기에 등록 가능\n\n✅ 가능: 같은 QR 코드를 여러 스마트폰에 등록\n\n→ 같은 QR 코드를 3개 기기에 모두 스캔하면 모두 같은 코드 생성",
      { page: null, pageEnd: null },
    );
    expect(extractiveAnswer("같은 QR 코드를 여러 스마트폰에 등록할 수 있나요?", [phones])!.answer).toContain("가능: 같은 QR 코드를 여러 스마트폰에 등록");
    // The word alone, without the mark.
    const worded = passage(1, "여러 기기\n\n가능: 같은 QR 코드를 여러 스마트폰에 등록\n\n→ 같은 QR 코드를 3개 기기에 모두 스캔하면 모두 같은 코드 생성", {
      page: null,
      pageEnd: null,
    });
    expect(extractiveAnswer("같은 QR 코드를 여러 스마트폰에 등록할 수 있나요?", [worded])!.answer).toContain("가능: 같은 QR 코드를 여러 스마트폰에 등록");
    // "예:" gives an example: a line restating the question after it is still a restatement.
    const example = passage(1, "여러 기기\n\n예: 같은 QR 코드를 여러 스마트폰에 등록\n\n→ 같은 QR 코드를 3개 기기에 모두 스캔하면 모두 같은 코드 생성", {
      page: null,
      pageEnd: null,
    });
    expect(extractiveAnswer("같은 QR 코드를 여러 스마트폰에 등록할 수 있나요?", [example])?.answer ?? "").not.toContain("예: 같은 QR 코드를");
  });
});

describe("a Korean line of its own holding a clause is content, not a heading (clauseLines, ansaudit7)", () => {
  const manual = passage(
    1,
    "[RSupport 프로그램 설치]\n\n3. RSupport 프로그램을 설치한 뒤 실행한다.\n4. RSupport에 로그인한다.\n\nRSupport 사용법을 잘 모르겠으면 체크 클라이언트 담당자(송현지, 최대한 사원)에게 문의\n\n끝.",
    { page: null, pageEnd: null, headingPath: ["CHECK 고객 원격지원", "[RSupport 프로그램 설치]"] },
  );

  it("quotes a note between blank lines whose words run to a conditional clause", () => {
    const question = "RSupport 사용법을 모르면 누구에게 물어봐야 하나요?";
    expect(extractiveAnswer(question, [manual])!.answer).toContain("송현지");
    expect(extractiveAnswer(question, [manual], { tuning: { clauseLines: false } })?.answer ?? "").not.toContain("송현지");
  });

  it("still reads a short heading-shaped line between blank lines as a heading", () => {
    const guide = passage(1, "설치 안내\n\n설치하려면 설치 파일을 내려받는다.\n\n프로그램 설치 및 실행 방법\n\n실행하려면 아이콘을 누른다.", {
      page: null,
      pageEnd: null,
    });
    expect(extractiveAnswer("프로그램 설치 및 실행 방법은?", [guide])!.answer).not.toContain("프로그램 설치 및 실행 방법 [");
  });
});

describe("a line of stylesheet or script code is no answer to a question asking for no code (ansaudit7)", () => {
  it("does not quote a CSS rule for a value question", () => {
    const label = passage(1, "3.3 송장 출력 템플릿\n\n@page { size: 10cm 15cm; margin: 0; }\nbody { margin: 10mm; font-family: Arial, sans-serif; }", {
      page: null,
      pageEnd: null,
    });
    const api = passage(2, "List Projects\nGET /projects\nQuery Parameters:\nlimit (int): Items per page, max 100, default 20", { page: null, pageEnd: null });
    const result = extractiveAnswer("What is the maximum page size for listing projects?", [label, api]);
    // The API line holds too few of the question's words (max is not maximum): nothing answers, rather than a stylesheet.
    expect(result?.answer ?? "").not.toContain("@page");
    const off = extractiveAnswer("What is the maximum page size for listing projects?", [label, api], { tuning: { braceCode: false } });
    expect(off!.answer).toContain("@page");
  });
});

describe("a short remark in brackets after a full stop (ansaudit7)", () => {
  it("is quoted with its sentence, which it leaves finished: the next line is not brought as the sentence's rest", () => {
    const eclipse = passage(1, "프로젝트를 선택한 뒤 ctrl + shift + r 을 누르자. (== Open Resource 기능)\n관련 화면은 그림을 참고한다.", {
      page: null,
      pageEnd: null,
    });
    const result = extractiveAnswer("이클립스에서 Open Resource 단축키는?", [eclipse]);
    expect(result!.citations[0]!.quote).toBe("프로젝트를 선택한 뒤 ctrl + shift + r 을 누르자. (== Open Resource 기능)");
    expect(result!.answer).not.toContain("그림을 참고한다");
  });
});

describe("an English word pair written as one word, or one word written as two (closedCompounds, ansaudit8)", () => {
  const sick = passage(1, "3. Sick Leave\n\n3.1 Accrual\n\nAll employees accrue 1 day of sick leave per month (12 days annually)\nSick leave accrues separately from vacation time\nMaximum carryover: 60 days", {
    page: null,
    pageEnd: null,
    headingPath: ["PTO Policy", "3. Sick Leave", "3.1 Accrual"],
  });
  const vacation = passage(2, "2.3 Maximum Accrual\n\nEmployees may carry over a maximum of 1.5x their annual accrual\nOnce the cap is reached, no additional time accrues", {
    page: null,
    pageEnd: null,
    headingPath: ["PTO Policy", "2. Vacation Time Accrual", "2.3 Maximum Accrual"],
  });

  it("holds 'carry over' in a line saying 'carryover'", () => {
    const result = extractiveAnswer("How much sick leave can I carry over?", [sick, vacation]);
    expect(result!.answer).toContain("Maximum carryover: 60 days");
    const off = extractiveAnswer("How much sick leave can I carry over?", [sick, vacation], { tuning: { closedCompounds: false } });
    expect(off!.answer).not.toContain("Maximum carryover: 60 days");
  });

  it("holds 'signup' in a line saying 'sign up', and not a word that merely starts the same", () => {
    const page = passage(1, "Accounts\n\nThe signature of new users is shown on their profile.\nNew users sign up from the company portal with a work email.", {
      page: null,
      pageEnd: null,
    });
    const result = extractiveAnswer("Where is the signup page for new users?", [page]);
    expect(result!.citations[0]!.quote).toBe("New users sign up from the company portal with a work email.");
    const off = extractiveAnswer("Where is the signup page for new users?", [page], { tuning: { closedCompounds: false } });
    expect(off!.citations[0]!.quote).not.toBe("New users sign up from the company portal with a work email.");
  });
});

describe("a table's header row is no answer (headerRowsUnquoted, ansaudit8)", () => {
  const perDiem = passage(1, "6.1 Per Diem Rates - Daily Allowance\n\nMeal Period | Allowance\nBreakfast | $15\nLunch | $20\nDinner | $35\nTotal Daily | $70", {
    page: null,
    pageEnd: null,
    headingPath: ["Expense Policy", "6. Meals and Entertainment", "6.1 Per Diem Rates - Daily Allowance"],
  });
  const allowances = passage(2, "Meal Allowances\n\nBreakfast: $15 per day\nLunch: $25 per day\nDinner: $40 per day\nInternational: 150% of domestic rates", {
    page: null,
    pageEnd: null,
    headingPath: ["Expense Reimbursement Policy", "Meals and Entertainment"],
  });

  it("does not quote the column names of a table for a question holding them", () => {
    const result = extractiveAnswer("What is the international meal allowance?", [perDiem, allowances]);
    expect(result!.answer).not.toContain("Meal Period | Allowance");
    expect(result!.answer).toContain("International: 150% of domestic rates");
    const off = extractiveAnswer("What is the international meal allowance?", [perDiem, allowances], { tuning: { headerRowsUnquoted: false } });
    expect(off!.answer).toContain("Meal Period | Allowance");
  });

  it("still quotes a first row holding a value, which is a record", () => {
    const rates = passage(1, "Meal Period | Allowance\nBreakfast | $15\nLunch | $20", { page: null, pageEnd: null });
    const result = extractiveAnswer("What is the breakfast allowance?", [rates]);
    expect(result!.answer).toContain("Breakfast | $15");
  });
});

describe("the verb a definition question asks with is no word to find (definitionFrame, ansaudit8)", () => {
  const ticket = passage(
    1,
    "티켓관리\n\n티켓은 고객의 문의사항이나 요청사항을 추적 관리하기 위해 생성된 데이터를 의미합니다.\n각 처리 단계의 의미는 아래와 같습니다.\n\n인입현황\n\n금일 접수: 해당 서비스에 금일 접수된 티켓의 건 수\n처리율(24h): 24시간 내 접수된 티켓 중 해결 처리된 티켓의 비율",
    { page: null, pageEnd: null },
  );

  it("quotes the line defining the term before lines holding only 의미", () => {
    const result = extractiveAnswer("처리율(24h)은 무엇을 의미하나요?", [ticket]);
    expect(result!.citations[0]!.quote).toBe("처리율(24h): 24시간 내 접수된 티켓 중 해결 처리된 티켓의 비율");
    const off = extractiveAnswer("처리율(24h)은 무엇을 의미하나요?", [ticket], { tuning: { definitionFrame: false } });
    expect(off!.citations[0]!.quote).not.toBe("처리율(24h): 24시간 내 접수된 티켓 중 해결 처리된 티켓의 비율");
  });

  it("does the same for 'What does … mean?'", () => {
    const glossary = passage(1, "Status values\n\nThe list below explains what each status means.\n\nOpen: the ticket waits for an agent to take it.\nOn hold status: the ticket waits for the customer's reply and no mail is sent.", {
      page: null,
      pageEnd: null,
    });
    const result = extractiveAnswer("What does on hold status mean?", [glossary]);
    expect(result!.citations[0]!.quote).toBe("On hold status: the ticket waits for the customer's reply and no mail is sent.");
    const off = extractiveAnswer("What does on hold status mean?", [glossary], { tuning: { definitionFrame: false } });
    expect(off!.citations[0]!.quote).not.toBe("On hold status: the ticket waits for the customer's reply and no mail is sent.");
  });
});

describe("a negative condition in a Korean question is held by the same condition however it is conjugated (negativeConditions, ansaudit8)", () => {
  const chat = passage(
    1,
    "채팅 접수\n\n채팅 아이콘 클릭 시 온라인 상태의 상담원이 있다면 채팅 상담 대화상자가 실행됩니다.\n채팅 아이콘 클릭 시 온라인 상태인 상담원이 없다면 상담원 부재중 메시지가 나타납니다.",
    { page: null, pageEnd: null },
  );

  it("quotes the sentence saying 없다면 for a question saying 없을 때", () => {
    const result = extractiveAnswer("온라인 상담원이 없을 때 고객에게는 무엇이 표시되나요?", [chat]);
    expect(result!.citations[0]!.quote).toBe("채팅 아이콘 클릭 시 온라인 상태인 상담원이 없다면 상담원 부재중 메시지가 나타납니다.");
    const off = extractiveAnswer("온라인 상담원이 없을 때 고객에게는 무엇이 표시되나요?", [chat], { tuning: { negativeConditions: false } });
    expect(off!.citations[0]!.quote).not.toBe("채팅 아이콘 클릭 시 온라인 상태인 상담원이 없다면 상담원 부재중 메시지가 나타납니다.");
  });
});
