/** The two answer languages jikji speaks, told apart by whether the question contains Hangul. */
export type AnswerLanguage = "ko" | "en";

const HANGUL = /\p{Script=Hangul}/u;

export function questionLanguage(question: string): AnswerLanguage {
  return HANGUL.test(question) ? "ko" : "en";
}

/** The exact sentence said when the documents do not hold the answer; the prompt asks the model for it too. */
export const NOT_FOUND_ANSWER: Readonly<Record<AnswerLanguage, string>> = {
  ko: "문서에서 답을 찾을 수 없습니다.",
  en: "The documents do not contain the answer to this question.",
};

function comparable(text: string): string {
  return text
    .replace(/\[[\d\s,]*\]/g, "")
    .replace(/[\s.。!]+/g, " ")
    .trim()
    .toLowerCase();
}

/** Whether a model reply is (essentially) only the not-found sentence, in either language. */
export function isNotFoundAnswer(text: string): boolean {
  const reply = comparable(text);
  return Object.values(NOT_FOUND_ANSWER).some((phrase) => reply === comparable(phrase));
}

/** The line said under an answer about the question's words no document holds (`AskResult.missing`). */
export function missingWordsNotice(missing: readonly string[], language: AnswerLanguage): string {
  const words = missing.join(", ");
  return language === "ko"
    ? `문서에 없는 말: ${words} — 답은 질문의 나머지 말로 찾은 내용입니다.`
    : `Not in the documents: ${words} — the answer is about the question's other words.`;
}
