/**
 * Cross-script loanwords in the extractive answer: a Korean question asks about 인치, 파티션, 메모리 where the
 * manual writes inch, partition, memory. Both spellings reduce to a consonant skeleton — the sounds a Hangul
 * transcription keeps, vowels dropped, similar consonants merged (p/b/f/v → P, t/d → T, k/g/c/q → K, r/l → L, …):
 * 파티션 and partition are both PTSN, 메모리 and memory MML, 인치 and inch NJ. Nothing is listed by hand: the rules
 * are the usual correspondences of Korean loanword spelling (외래어 표기법), applied to any word.
 *
 * The matcher was first built for ranking (bench/rank-levers/loanwords.patch), where it matched 33 of 34 common IT
 * loanwords but, indexed over the whole corpus, let native Korean words meet English ones by chance. Here it only
 * compares a question word with the Latin words of the few sentences already retrieved.
 */

/** Consonant class of each initial jamo (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ); "" for silent ㅇ. */
const INITIALS = ["K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "J", "J", "J", "K", "T", "P", "H"];
/**
 * Consonant class of each final jamo (none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ).
 * A final ㅅ transcribes a t (인터넷 internet, 로봇 robot); a final ㅇ an ng (링크 link).
 */
const FINALS = ["", "K", "K", "K", "N", "N", "N", "T", "L", "L", "L", "L", "L", "L", "L", "L", "M", "P", "P", "T", "T", "N", "T", "T", "K", "T", "P", "T"];

/** A vowel between consonants, so only consonants written side by side merge (tt, ll, 갤러리's ㄹㄹ). */
const VOWEL_MARK = "|";

/** The classes as one string: empty ones dropped, a class repeated with no vowel between written once. */
function collapse(classes: readonly string[]): string {
  let out = "";
  let previous = "";
  for (const c of classes) {
    if (c === "") continue;
    if (c !== VOWEL_MARK && c !== previous) out += c;
    previous = c;
  }
  return out;
}

/** The consonant skeleton of a Hangul word: 파티션 → PTSN, 메모리 → MML. */
export function hangulSkeleton(word: string): string {
  const classes: string[] = [];
  for (const char of word) {
    const code = char.codePointAt(0)! - 0xac00;
    if (code < 0 || code >= 11172) continue;
    classes.push(INITIALS[Math.floor(code / 588)]!, VOWEL_MARK, FINALS[code % 28]!);
  }
  return collapse(classes);
}

const VOWEL = /[aeiouy]/;

/** The consonant skeleton of a lower-case Latin word, as Korean spelling would transcribe it: partition → PTSN. */
export function latinSkeleton(word: string): string {
  const classes: string[] = [];
  const at = (i: number) => word[i] ?? "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const next = at(i + 1);
    const pair = c + next;
    if (VOWEL.test(c) || c === "w") {
      classes.push(VOWEL_MARK);
      continue;
    }
    if (pair === "ph") (classes.push("P"), i++);
    else if (pair === "th" || pair === "sh") (classes.push("S"), i++);
    else if (pair === "ch") (classes.push("J"), i++);
    else if (pair === "ck") (classes.push("K"), i++);
    else if (pair === "gh") i++;
    // A final -ng is one sound (링 ring); before a consonant the g is heard (싱글 single).
    else if (pair === "ng" && i + 2 === word.length) (classes.push("N"), i++);
    // -tion, -sion, -tia: 션, 셔
    else if ((c === "t" || c === "s") && next === "i" && VOWEL.test(at(i + 2)) && i > 0) classes.push("S");
    else if (c === "c") classes.push(/[eiy]/.test(next) ? "S" : "K");
    else if (c === "g") classes.push(/[eiy]/.test(next) && i > 0 ? "J" : "K");
    // An r after a vowel and not before one is not written (server 서버, partition 파티션), nor is a final -re
    // after a consonant (millimetre 밀리미터, centre 센터).
    else if (c === "r") classes.push(silentR(word, i) ? "" : "L");
    else if (c === "x") classes.push("K", "S");
    else classes.push(LATIN[c] ?? "");
  }
  return collapse(classes);
}

function silentR(word: string, i: number): boolean {
  const before = word[i - 1] ?? "";
  const after = word[i + 1] ?? "";
  const afterVowel = i > 0 && VOWEL.test(before);
  return (afterVowel && !VOWEL.test(after)) || (after === "e" && i + 2 === word.length && !afterVowel);
}

const LATIN: Record<string, string> = {
  b: "P", p: "P", f: "P", v: "P", d: "T", t: "T", k: "K", q: "K", s: "S", z: "J", j: "J", l: "L", m: "M", n: "N", h: "H",
};

/**
 * Skeletons of Latin words already computed: every Latin word of the sentences a Korean question is compared with
 * is reduced, and the same words come back answer after answer (as the picker's stems do). Emptied when full.
 */
const SKELETONS = new Map<string, string>();
const MAX_SKELETONS = 50_000;

/** The skeletons of a text's Latin words of at least three letters (a transcription of a two-letter word is rare). */
export function latinSkeletons(text: string): Set<string> {
  const out = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/[a-z]{3,}/g)) {
    let skeleton = SKELETONS.get(word);
    if (skeleton === undefined) {
      if (SKELETONS.size >= MAX_SKELETONS) SKELETONS.clear();
      skeleton = latinSkeleton(word);
      SKELETONS.set(word, skeleton);
    }
    out.add(skeleton);
  }
  return out;
}
