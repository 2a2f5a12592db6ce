/**
 * From the call so far to one search query: the customer's last turns (a window of N), conversational words
 * dropped, and the entities named earlier in the call (plan, product, order type) carried in when the latest
 * turns no longer name one of that kind. Pure functions over plain turns.
 */
import { questionLanguage, type AnswerLanguage } from "../answer/language.ts";
import { queryTerms } from "../retrieve/tokenize.ts";
import { isQuestion, normalizeSpeech, withoutMarkup } from "./normalize.ts";

export type Speaker = "customer" | "agent";

export interface TurnText {
  speaker: Speaker;
  text: string;
}

export type EntityKind = "plan" | "product" | "orderType";

export interface Entity {
  kind: EntityKind;
  /** The words as the call said them, normalised (lower-case Latin). */
  text: string;
}

export interface AssistQuery {
  /** The search text; empty when the turns hold nothing to search for. */
  text: string;
  /** What the latest turn asks for, for choosing the answer sentence. */
  asks: Asked;
  /** The search text's terms. */
  terms: string[];
  /** Each content word's terms: confidence counts words covered, so a long Korean word's bigrams weigh as one. */
  words: string[][];
  language: AnswerLanguage;
  entities: Entity[];
  /** Entities that came from earlier turns, not from the window. */
  carried: Entity[];
}

export interface QueryOptions {
  /** Customer turns in the window (the latest included). */
  window?: number;
  /** A latest turn with at least this many content words is a question of its own; earlier turns stay out. */
  standaloneWords?: number;
}

export const DEFAULT_WINDOW = 3;
const DEFAULT_STANDALONE_WORDS = 2;

/** Conversational words that say nothing about the documents (whole words, after normalisation). */
const KOREAN_CHATTER = new Set([
  "그럼", "그러면", "그래서", "근데", "그런데", "혹시", "제가", "저희", "저는", "제", "그냥", "진짜", "정말", "너무", "이제",
  "일단", "여기", "거기", "이거", "그거", "저거", "이게", "그게", "뭔가", "좀", "아니", "아니요", "네", "예", "알겠", "감사",
  "감사합니다", "안녕하세요", "여보세요", "고객님", "주시", "하시", "궁금", "궁금한", "문의", "문의드리", "질문", "말씀",
  "알려", "물어보", "여쭤보", "싶어", "싶은", "싶은데", "하려고", "하는데", "했는데", "되는데", "있는데", "없는데", "어떻",
  "때문에", "때문", "전화드렸는데", "전화드렸", "전화했는데", "쓰고", "쓰는", "사용하고", "이용하고", "있는", "하는", "되는",
  "아니다", "했어", "돼", "되", "해야", "하나", "수", "있", "없", "거", "건", "게", "것", "그리고", "아세", "알아", "아시",
  "드려", "드려도", "드리", "되죠", "다시", "혹시요", "뭐", "뭔",
  // Greetings and frames as normalisation leaves them (여보세요 → 여보, 안녕하세요 → 안녕, 거예요 → 거예).
  "여보", "안녕", "거예", "거에", "같은", "같이",
]);
/** Question words name no content of the answer; confidence must not count them as words to cover. */
const QUESTION_WORD = /^(무엇|누구|누가|언제|어디|어느|어떤|어떻|얼마|무슨|뭐|몇|왜|what|when|where|who|whom|which|why|how)/iu;
/** Prefixes a recognizer glues to the next word ("그럼배송은" → "배송은"). */
const KOREAN_GLUED_CHATTER = ["그럼", "그러면", "근데", "혹시", "그리고", "아니", "네", "예"];
const ENGLISH_CHATTER = new Set([
  "i", "i'm", "im", "i've", "i'd", "me", "my", "mine", "you", "your", "we", "our", "us", "it", "it's", "its", "this",
  "that", "there", "these", "those", "so", "ok", "okay", "yeah", "yes", "no", "hi", "hello", "hey", "please", "thanks",
  "thank", "just", "like", "really", "actually", "basically", "can", "could", "would", "will", "should", "may", "might",
  "have", "has", "had", "get", "got", "be", "been", "being", "if", "then", "but", "with", "about", "tell", "know", "want",
  "wanted", "need", "needed", "wondering", "question", "asking", "ask", "think", "any", "some", "also", "still", "again",
  "or", "not", "am", "at", "as", "by", "from", "up", "out", "much", "many", "long", "am", "let", "say", "said", "there's",
  "what's", "how's", "long", "go", "going", "gonna", "wanna", "right", "well", "sure", "one", "thing", "stuff", "kind",
  "all", "that's", "bye", "great", "perfect", "anything", "something", "does", "doing", "done", "on", "in", "to", "for",
  "the", "a", "an", "of", "and", "is", "are", "was", "were", "do", "did", "what", "when", "how", "which", "who", "why",
  "where", "way", "lot", "bit", "guys", "today", "yesterday", "now", "change", "changes", "work", "works", "working",
  // Pronouns and negated auxiliaries frame a sentence; "what happens if" frames a question.
  "he", "she", "they", "them", "their", "his", "her", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't",
  "didn't", "hasn't", "haven't", "can't", "won't", "couldn't", "wouldn't", "happen", "happens", "happened",
]);

/**
 * What the latest turn asks for, read from the words that ask: a time (a date or a duration: "언제 와요" →
 * "7~14영업일"), an amount, a reason, or something else. The words the customer names are the topic, not the
 * kind: "요금 감면 받을 수 있나요" asks whether, not how much, though the answer layer would read "요금" (fee) as
 * a quantity cue.
 */
export type Asked = "time" | "amount" | "reason" | "other";

const ASKS: ReadonlyArray<[Asked, RegExp]> = [
  ["time", /\bhow (?:long|soon)\b|\bwhen\b|\bwhat (?:time|day|date)\b|언제|며칠|얼마나 ?걸|얼마 ?동안|몇 ?(?:일|시간|주|달|개월|년)/iu],
  ["amount", /\bhow (?:much|many|often|far)\b|얼마|몇/iu],
  ["reason", /\bwhy\b|왜/iu],
];

export function askedFor(text: string): Asked {
  const speech = normalizeSpeech(text);
  return ASKS.find(([, asks]) => asks.test(speech))?.[0] ?? "other";
}

/**
 * Irregular past forms of verbs a support call uses, by their base: customers tell what happened ("did I lose
 * any files", "I paid twice") and policies state rules ("No files were lost", "you pay").
 */
const IRREGULAR_FORMS: Readonly<Record<string, readonly string[]>> = {
  lose: ["lost"], find: ["found"], pay: ["paid"], buy: ["bought"], send: ["sent"], take: ["took", "taken"],
  break: ["broke", "broken"], forget: ["forgot", "forgotten"], give: ["gave", "given"], bring: ["brought"],
  choose: ["chose", "chosen"], sell: ["sold"], spend: ["spent"], steal: ["stole", "stolen"], write: ["wrote", "written"],
};
const IRREGULAR_BASE = new Map(Object.entries(IRREGULAR_FORMS).flatMap(([base, forms]) => forms.map((form) => [form, base] as const)));

/** A light English stemmer for the query only: "syncing" also searches "sync", "files" also "file", "lost" "lose". */
export function englishStem(word: string): string {
  const lower = word.toLowerCase().replace(/['’]s$/, "");
  // "paid" and "pays" are "pay", though "pays" is too short for the suffix rules below.
  const base = IRREGULAR_BASE.get(lower) ?? (lower.endsWith("s") && IRREGULAR_FORMS[lower.slice(0, -1)] ? lower.slice(0, -1) : undefined);
  if (base !== undefined) return base;
  if (!/^[a-z]+$/.test(lower) || lower.length <= 4) return lower;
  let stem = lower;
  if (lower.endsWith("ies")) stem = `${lower.slice(0, -3)}y`;
  else if (/(ss|x|z|ch|sh)es$/.test(lower)) stem = lower.slice(0, -2);
  else if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")) stem = lower.slice(0, -1);
  else if (lower.endsWith("ied")) stem = `${lower.slice(0, -3)}y`;
  else if (lower.endsWith("ing") && lower.length >= 6) stem = lower.slice(0, -3);
  else if (lower.endsWith("ed") && lower.length >= 5) stem = lower.slice(0, -2);
  // shipping → shipp → ship; planned → plann → plan
  if (stem !== lower && /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss)$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

interface EntityPattern {
  kind: EntityKind;
  pattern: RegExp;
}

/** Names of plans, product types and order types that customer-service calls keep coming back to. */
const ENTITY_PATTERNS: EntityPattern[] = [
  { kind: "plan", pattern: /(베이직|스탠다드|프리미엄|패밀리|비즈니스|라이트|무제한|basic|standard|premium|family|business|lite|unlimited|pro)\s*(요금제|플랜|멤버십|plan|tier|membership)?/giu },
  { kind: "plan", pattern: /([\p{Script=Hangul}A-Za-z0-9]{2,})\s?(요금제|플랜|plan)/giu },
  { kind: "orderType", pattern: /(해외\s?배송|국내\s?배송|예약\s?주문|정기\s?구독|정기\s?배송|디지털\s?상품|기프트\s?카드|당일\s?배송|international|overseas|pre-?order|digital|gift\s?card|same-?day|express|subscription|domestic)/giu },
  { kind: "product", pattern: /(노트북|냉장고|세탁기|이어폰|헤드폰|공유기|라우터|모뎀|스마트폰|휴대폰|태블릿|셋톱박스|유심|laptop|router|modem|phone|headphones|earbuds|tablet|set-?top box|sim card)/giu },
  { kind: "product", pattern: /\b([A-Z]{1,3}-?\d{2,4}[A-Z]?)\b/gu },
];

function canonical(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "").replace(/(요금제|플랜|plan|tier|membership|멤버십)$/u, "");
}

/** Entities named in a text, in order of appearance, one per distinct name. */
export function extractEntities(raw: string): Entity[] {
  const text = withoutMarkup(raw);
  const found: Array<Entity & { index: number }> = [];
  const seen = new Set<string>();
  for (const { kind, pattern } of ENTITY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const name = canonical(match[1] ?? match[0]);
      if (name.length < 2 || seen.has(`${kind}:${name}`)) continue;
      // "이 요금제", "that plan" name no plan.
      if (/^(이|그|저|무슨|어떤|어느|this|that|which|what|my|the|your|a)$/u.test(name)) continue;
      seen.add(`${kind}:${name}`);
      found.push({ kind, text: name, index: match.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ kind, text }) => ({ kind, text }));
}

function contentWord(word: string): string {
  let out = word;
  if (/^[\p{Script=Hangul}]+/u.test(out)) {
    for (const prefix of KOREAN_GLUED_CHATTER) {
      if (out.length >= prefix.length + 2 && out.startsWith(prefix)) {
        out = out.slice(prefix.length);
        break;
      }
    }
  }
  const bare = out.toLowerCase().replace(/[은는이가을를도요]$/u, "");
  if (KOREAN_CHATTER.has(out) || KOREAN_CHATTER.has(bare) || ENGLISH_CHATTER.has(out.toLowerCase())) return "";
  return out;
}

/** One turn's words that may match a document: normalised speech without conversation. */
export function contentWords(text: string): string[] {
  return normalizeSpeech(text)
    .split(/\s+/)
    .map(contentWord)
    .filter((word) => word !== "");
}

export function contentText(text: string): string {
  return contentWords(text).join(" ");
}

/** The search text for content words: each English word with its stem and the stem's plural. */
function searchText(words: readonly string[]): string {
  return words
    .flatMap((word) => {
      const lower = word.toLowerCase();
      const stem = englishStem(word);
      if (!/^[a-z]+$/.test(stem) || stem.length < 3) return [word];
      // The index does not stem: "downgrade" must also look for "downgrades", "lose" for "lost".
      return [...new Set([lower, stem, `${stem}s`, ...(IRREGULAR_FORMS[stem] ?? [])])];
    })
    .join(" ");
}

/**
 * The query for the latest turn of `turns` (oldest first). A short latest turn ("디지털 상품이에요") is read with
 * the customer's turns before it, up to the window; entities named anywhere earlier in the call come along when
 * the window names none of their kind, and a newer name of a kind replaces an older one.
 */
export function buildQuery(turns: readonly TurnText[], options: QueryOptions = {}): AssistQuery {
  const window = options.window ?? DEFAULT_WINDOW;
  const standalone = options.standaloneWords ?? DEFAULT_STANDALONE_WORDS;
  const latest = turns.at(-1);
  if (latest === undefined) return { text: "", asks: "other", terms: [], words: [], language: "ko", entities: [], carried: [] };
  const language = questionLanguage(latest.text);

  // An agent's question is the query itself; a customer's turn is read with the customer's turns before it.
  const parts: string[] = [];
  const windowTurns: TurnText[] = [];
  if (latest.speaker === "agent") {
    windowTurns.push(latest);
  } else {
    const customerTurns = turns.filter((turn) => turn.speaker === "customer").slice(-window);
    let words = 0;
    for (let i = customerTurns.length - 1; i >= 0; i--) {
      windowTurns.unshift(customerTurns[i]!);
      words += contentWords(customerTurns[i]!.text).length;
      if (words >= standalone) break;
    }
  }
  for (const turn of windowTurns) {
    const words = contentWords(turn.text);
    if (words.length > 0) parts.push(searchText(words));
  }

  const inWindow = extractEntities(windowTurns.map((turn) => turn.text).join(" "));
  const kindsInWindow = new Set(inWindow.map((entity) => entity.kind));
  const earlier = new Map<EntityKind, Entity>();
  const windowStart = turns.indexOf(windowTurns[0]!);
  for (const turn of turns.slice(0, windowStart)) {
    for (const entity of extractEntities(turn.text)) earlier.set(entity.kind, entity);
  }
  const carried = [...earlier.values()].filter((entity) => !kindsInWindow.has(entity.kind));
  const text = [...parts, ...carried.map((entity) => entity.text)].join(" ").trim();
  const entities = [...inWindow, ...carried];
  if (text === "") return { text: "", asks: "other", terms: [], words: [], language, entities, carried };
  const words = [...parts.join(" ").split(" "), ...carried.map((entity) => entity.text)]
    .filter((word) => !QUESTION_WORD.test(word))
    .map((word) => queryTerms(word))
    .filter((terms) => terms.length > 0);
  // One entry per word, English inflections merged ("syncing" and its stem "sync" are one word).
  const seen = new Set<string>();
  const distinct = words.filter((terms) => {
    const key = terms.map(englishStem).join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    text,
    asks: askedFor(latest.text),
    terms: queryTerms(text),
    words: distinct,
    language,
    entities,
    carried,
  };
}

/**
 * Whether a turn should produce suggestions. An agent's turn only when it asks. A customer's turn when it asks,
 * or says at least two things beyond naming a plan, product or order type: "I'm on the Pro plan" and
 * "배송비 때문에요" set the context for the next turn and answer nothing yet.
 */
export function triggersSuggestions(turn: TurnText): boolean {
  if (turn.speaker === "agent") return isQuestion(turn.text);
  if (isQuestion(turn.text)) return true;
  const names = new Set(extractEntities(turn.text).flatMap((entity) => [entity.text, ...entity.text.split(/\s+/)]));
  const words = contentWords(turn.text).filter((word) => {
    const bare = word.toLowerCase().replace(/[은는이가을를도요]$/u, "");
    return !names.has(bare) && !names.has(canonical(bare)) && !/^(요금제|플랜|plan|tier)$/u.test(bare);
  });
  return words.length >= 2;
}
