/**
 * Speech-recognizer text made searchable: fillers out, numbers spoken as words written as digits, question
 * words split from the run they were glued to ("환불기간이언제까지에요" → "환불기간이 언제까지"), and polite
 * endings dropped so the stem meets the document's noun. Plain strings in, plain strings out.
 */

/** Whole words a speaker says while thinking; they carry no content. */
const KOREAN_FILLERS = new Set([
  "음", "음음", "으음", "어", "어어", "어어어", "그", "그그", "저", "저기", "저기요", "아", "아아", "에", "에에", "엄",
  "뭐지", "뭐냐", "뭐랄까", "그러니까", "그니까", "있잖아요", "있잖아", "그게", "막", "좀", "네", "예", "응", "흠",
]);
const ENGLISH_FILLERS = new Set(["um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "mm", "mhm", "ah", "eh", "oh"]);
const ENGLISH_FILLER_PHRASES = [/\byou know\b/gi, /\bi mean\b/gi, /\bkind of\b/gi, /\bsort of\b/gi];

/** Question words a recognizer glues to the noun before them; a space lets the tokenizer drop them. */
const GLUED_QUESTION_WORDS = /(?<=[\p{Script=Hangul}])(언제|얼마|어떻게|어디|어느|무엇|뭐|몇|왜)/gu;

/** Polite and question endings, longest first; what remains is the stem the document shares. */
const POLITE_ENDINGS = [
  "할수있나요", "할수있어요", "할수있을까요", "수있나요", "수있어요", "해주실수있나요",
  "해주시나요", "주시나요", "주시는지", "해주세요", "알려주세요", "주시겠어요", "주실래요", "주세요", "하시나요", "되시나요", "인가요", "인데요", "이에요",
  "이예요", "입니까", "입니다", "습니까", "습니다", "는데요", "거든요", "잖아요", "었어요", "았어요", "했어요",
  "한가요", "하나요", "되나요", "있나요", "없나요", "있어요", "없어요", "될까요", "할까요", "예요", "에요", "나요",
  "가요", "까요", "어요", "아요", "해요", "돼요", "세요", "이요", "지요", "죠", "요",
];
/** A verb-making syllable left at the end of a stem once the ending is gone (환불되 → 환불, 변경하 → 변경). */
const VERB_TAILS = ["하", "되", "해", "돼", "할", "될", "한", "된", "받", "있", "없"];

/** Sino-Korean digits and units as spoken. */
const SINO_DIGITS: Record<string, number> = { 영: 0, 공: 0, 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 륙: 6, 칠: 7, 팔: 8, 구: 9 };
const SINO_SMALL_UNITS: Record<string, number> = { 십: 10, 백: 100, 천: 1000 };
const SINO_BIG_UNITS: Record<string, number> = { 만: 10_000, 억: 100_000_000 };
/** What may follow a spoken number; without one, "이" and "사" are more likely words than numbers. */
const COUNTERS = [
  "영업일", "개월", "시간", "퍼센트", "프로", "만원", "원", "일", "주", "달", "년", "분", "초", "번", "개", "회", "명",
  "장", "기가", "GB", "살", "차", "단계", "등급", "층",
];
/** Native Korean numbers (한 달, 두 번, 세 시간) before a counter. */
const NATIVE_NUMBERS: Record<string, number> = {
  한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10, 열한: 11, 열두: 12, 스무: 20,
};
const NATIVE_COUNTERS = ["시간", "달", "번", "개", "명", "살", "주", "장", "대", "가지"];
/** One-syllable particles a spoken number may follow without a space ("환불은칠일" → "환불은 7일"). */
const PARTICLE_BEFORE_NUMBER = /[은는이가을를에도로]$/u;

const ENGLISH_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const ENGLISH_TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ENGLISH_SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/** Digits as policy documents print them: 30,000 rather than 30000. */
export function formatNumber(value: number): string {
  return value >= 1000 ? value.toLocaleString("en-US") : String(value);
}

/** The value of a Sino-Korean numeral ("삼만오천" → 35000, "이십사" → 24), or null when it is not one. */
export function sinoKoreanValue(numeral: string): number | null {
  const text = numeral.replace(/\s+/g, "");
  if (text === "") return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const char of text) {
    if (char in SINO_DIGITS) {
      if (digit !== null) return null;
      digit = SINO_DIGITS[char]!;
    } else if (char in SINO_SMALL_UNITS) {
      section += (digit ?? 1) * SINO_SMALL_UNITS[char]!;
      digit = null;
    } else if (char in SINO_BIG_UNITS) {
      const value = section + (digit ?? 0);
      total += (value === 0 ? 1 : value) * SINO_BIG_UNITS[char]!;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

const SINO_CHARS = "영공일이삼사오육륙칠팔구십백천만억";
const counterAlternation = [...COUNTERS].sort((a, b) => b.length - a.length).join("|");
/** A spoken numeral (groups may be spaced: "삼만 오천") and the counter after it. */
const SPOKEN_SINO = new RegExp(`([${SINO_CHARS}]+(?: [${SINO_CHARS}]+)*) ?(${counterAlternation})`, "gu");
/** Digits with a spoken unit ("3만 원", "2천") as printed figures. */
const DIGIT_UNITS = /(\d+)\s?(만|천)(?:\s?(\d+)\s?천)?\s?(?=원|명|개|건)/gu;
const nativeAlternation = Object.keys(NATIVE_NUMBERS).sort((a, b) => b.length - a.length).join("|");
const SPOKEN_NATIVE = new RegExp(`(?<![\\p{Script=Hangul}])(${nativeAlternation}) (${NATIVE_COUNTERS.join("|")})`, "gu");

function replaceSinoKorean(text: string): string {
  return text.replace(SPOKEN_SINO, (match, numeral: string, counter: string, offset: number) => {
    const before = text.slice(0, offset);
    const glued = /[\p{Script=Hangul}]$/u.test(before);
    // "회사원", "이사" are words: a numeral glued to a word counts only after a particle and with a unit in it.
    const gluedAllowed = PARTICLE_BEFORE_NUMBER.test(before) && (/[십백천만억]/u.test(numeral) || /^(일|시간|개월|영업일)$/.test(counter));
    if (glued && !gluedAllowed) return match;
    let value = sinoKoreanValue(numeral);
    let unit = counter;
    // "삼십일" is 31, but before "이내"/"안에" it is far more often 30 days.
    if (value === null) return match;
    if (counter === "일" && numeral.endsWith("일") && numeral.length > 1) {
      const without = sinoKoreanValue(numeral.slice(0, -1));
      if (without !== null) {
        value = without;
        unit = "일";
      }
    }
    // A lone "이" or "사" before a counter is still too ambiguous ("이 원", "사 개" are rare in speech).
    if (numeral.length === 1 && (numeral === "이" || numeral === "사") && !/^(시간|개월|일|주|년|영업일)$/.test(counter)) return match;
    const space = glued ? " " : "";
    if (unit === "만원") return `${space}${formatNumber(value * 10_000)}원`;
    return `${space}${formatNumber(value)}${unit}`;
  });
}

function replaceEnglishNumbers(text: string): string {
  const words = Object.keys({ ...ENGLISH_UNITS, ...ENGLISH_TENS, ...ENGLISH_SCALES }).join("|");
  const run = new RegExp(`\\b(?:${words}|a)(?:[\\s-]+(?:and[\\s-]+)?(?:${words}))*\\b`, "gi");
  return text.replace(run, (match) => {
    const parts = match.toLowerCase().split(/[\s-]+/).filter((part) => part !== "and");
    if (parts.length === 1 && (parts[0] === "a" || parts[0] === "one")) return match;
    let total = 0;
    let current = 0;
    let seen = false;
    for (const part of parts) {
      if (part === "a") {
        current = 1;
      } else if (part in ENGLISH_UNITS) {
        current += ENGLISH_UNITS[part]!;
        seen = true;
      } else if (part in ENGLISH_TENS) {
        current += ENGLISH_TENS[part]!;
        seen = true;
      } else {
        const scale = ENGLISH_SCALES[part]!;
        seen = true;
        if (scale === 100) current = (current || 1) * 100;
        else {
          total += (current || 1) * scale;
          current = 0;
        }
      }
    }
    if (!seen) return match;
    return formatNumber(total + current);
  });
}

/** The Hangul word without a polite ending and the verb syllable before it, keeping at least two syllables. */
export function stripPoliteEnding(word: string): string {
  for (const ending of POLITE_ENDINGS) {
    if (word.length >= ending.length + 2 && word.endsWith(ending)) {
      const stem = word.slice(0, -ending.length);
      for (const tail of VERB_TAILS) {
        if (stem.length >= tail.length + 2 && stem.endsWith(tail)) return stem.slice(0, -tail.length);
      }
      return stem;
    }
  }
  return word;
}

function isFiller(word: string): boolean {
  const bare = word.replace(/[.,!?~…]+$/u, "").toLowerCase();
  return KOREAN_FILLERS.has(bare) || ENGLISH_FILLERS.has(bare) || /^(음+|어+|으+음|아+|uh+|um+|hm+)$/u.test(bare);
}

/**
 * Tags (`<unk>`, `<b>…</b>`) and bracketed recognizer annotations (`[noise]`, `[laughter]`, `[inaudible]`) are not
 * what the customer said: tags go and the words between them stay; an annotation goes whole.
 */
const MARKUP = /<\/?[A-Za-z_][^<>]{0,40}>|\[[^[\]]{0,40}\]/gu;

export function withoutMarkup(text: string): string {
  return text.replace(MARKUP, " ").replace(/\s+/g, " ").trim();
}

/** Recognizer text as a search engine should see it; the words' order is kept. */
export function normalizeSpeech(text: string): string {
  let out = withoutMarkup(text.normalize("NFKC"));
  for (const phrase of ENGLISH_FILLER_PHRASES) out = out.replace(phrase, " ");
  // Sentence ends a recognizer ran together ("알겠어요그럼배송은요").
  out = out.replace(/(?<=[어아해세죠네데게까나가에예])요(?=[\p{Script=Hangul}]{2})/gu, "요 ");
  out = out.replace(GLUED_QUESTION_WORDS, " $1");
  out = out.replace(DIGIT_UNITS, (_match, head: string, unit: string, thousands: string | undefined) => {
    const value = Number(head) * (unit === "만" ? 10_000 : 1000) + (thousands ? Number(thousands) * 1000 : 0);
    return formatNumber(value);
  });
  out = replaceSinoKorean(out);
  out = out.replace(SPOKEN_NATIVE, (_match, numeral: string, counter: string) => `${NATIVE_NUMBERS[numeral]}${counter}`);
  out = replaceEnglishNumbers(out);
  const words = out
    .split(/\s+/)
    .filter((word) => word !== "" && !isFiller(word))
    .map((word) => word.replace(/[.,!?~…]+$/u, "").replace(/[\p{Script=Hangul}]+$/u, (run) => stripPoliteEnding(run)))
    .filter((word) => word !== "");
  return words.join(" ").trim();
}

/** Whether a turn asks something: a question mark, a question word, or a Korean question ending. */
export function isQuestion(text: string): boolean {
  const trimmed = withoutMarkup(text);
  if (/[?？]\s*$/.test(trimmed)) return true;
  if (/(나요|까요|니까|가요|세요|ㄴ가요|인지|는지|을까|을지)\s*[.!]?$/u.test(trimmed)) return true;
  // Spoken questions often open with a conjunction or an acknowledgement ("and when does that kick in"); "how
  // much/long/many" asks wherever it stands ("hi um how much is express shipping"). A greeting before a question
  // word is left out: an agent's "hello how can I help" asks nothing of the documents.
  return /^(?:(?:and|so|but|then|oh|okay|ok|well|also|um|uh)\b[\s,]*)*(what|when|where|which|who|why|how|can|could|do|does|did|is|are|will|would|should)\b/i.test(trimmed) ||
    /\bhow (?:much|many|long|soon|often|far)\b/i.test(trimmed) ||
    /(언제|얼마|어떻게|어디|무엇|뭐|몇|왜)/u.test(trimmed);
}
