/**
 * The one tokenizer behind lexical retrieval, for the embedded index and Qdrant's sparse vectors alike.
 *
 * Latin words and numbers become lower-cased terms. A Hangul word becomes its character bigrams plus,
 * when a common particle or ending is attached, the stem without it, so "정책은", "정책을" and "정책"
 * share terms. Plain whitespace BM25 fails on Korean exactly because of those attachments.
 */

const HANGUL = /\p{Script=Hangul}/u;
const WORD = /[\p{Script=Hangul}]+|[\p{L}\p{M}]+(?:['’][\p{L}]+)*|\p{N}+(?:[.,]\p{N}+)*/gu;

/** Particles and endings stripped from the end of a Hangul word, longest first. */
const PARTICLES = [
  "으로부터", "에서부터", "에게서", "으로서", "으로써", "이라고", "에서는", "에서도", "에게는", "까지는",
  "부터는", "으로는", "에서", "에게", "까지", "부터", "으로", "로서", "로써", "처럼", "보다", "라고",
  "이나", "이며", "이고", "하고", "에는", "에도", "와의", "과의", "만큼", "마다", "조차", "밖에",
  "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만", "나", "께", "야", "랑",
] as const;

/** Words that carry no content in a question; dropped from queries, kept in documents. */
const QUESTION_WORDS = new Set([
  "무엇", "무엇인가", "무엇인가요", "무엇입니까", "무엇을", "무엇이", "뭐", "뭔가요", "언제", "어디", "어디서",
  "어디에", "누구", "누가", "몇", "어느", "어떤", "어떻게", "왜", "얼마", "얼마나",
  "what", "when", "where", "who", "whom", "which", "why", "how", "is", "are", "was", "were", "the", "a",
  "an", "of", "in", "on", "to", "does", "do", "did", "for", "and", "or",
]);

function stripParticle(word: string): string | null {
  for (const particle of PARTICLES) {
    if (word.length > particle.length + 1 && word.endsWith(particle)) return word.slice(0, -particle.length);
  }
  return null;
}

function hangulTerms(word: string, out: string[]): void {
  if (word.length === 1) {
    out.push(word);
    return;
  }
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  const stem = stripParticle(word);
  if (stem !== null && stem.length >= 2) out.push(`${stem}$`);
  else if (word.length <= 4) out.push(`${word}$`);
}

/** Terms of a text in order, repeats kept. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (HANGUL.test(word)) hangulTerms(word, out);
    else out.push(word);
  }
  return out;
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Terms of a search query: like `tokenize`, without question words. */
export function queryTerms(query: string): string[] {
  const words = query.normalize("NFKC").toLowerCase().match(WORD) ?? [];
  const kept = words.filter((word) => !QUESTION_WORDS.has(word));
  const terms = tokenize((kept.length > 0 ? kept : words).join(" "));
  return terms;
}
