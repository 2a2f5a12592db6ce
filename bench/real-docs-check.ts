/**
 * Fetches the real-document set from Debian (first run only) and checks bench/real-docs/questions.jsonl against
 * it: every key phrase must occur verbatim (ignoring whitespace and case) in the named page's text as jikji's
 * parser extracts it, every split must follow its document, and the set keeps its promised shape.
 *
 *   node bench/real-docs-check.ts
 */
import { REAL_DOCUMENTS, SPLITS, loadRealQuestions, pagesRepeatingPhrases, targetOf, validateRealQuestions } from "./lib/real-docs.ts";

const questions = await loadRealQuestions();
const problems = await validateRealQuestions(questions);
const korean = (text: string) => /[가-힣]/u.test(text);

for (const split of SPLITS) {
  const inSplit = questions.filter((item) => item.split === split);
  const documents = REAL_DOCUMENTS.filter((document) => document.split === split);
  console.log(
    `${split}: ${inSplit.length} questions (${inSplit.filter((item) => korean(item.question)).length} Korean) ` +
      `over ${documents.length} documents`,
  );
  for (const document of documents) {
    const count = inSplit.filter((item) => targetOf(item).name === document.name).length;
    console.log(`  ${document.name.padEnd(36)} ${document.language}  ${String(count).padStart(2)} questions  ${document.kind}`);
    if (count === 0) problems.push(`${document.name} has no questions`);
  }
  if (!documents.some((document) => document.language === "ko") || !documents.some((document) => document.language === "en")) {
    problems.push(`the ${split} split needs Korean and English documents`);
  }
}
if (questions.filter((item) => korean(item.question)).length * 2 < questions.length) problems.push("fewer than half the questions are Korean");

const repeats = await pagesRepeatingPhrases(questions);
if (repeats.length > 0) {
  console.log(`\nKey phrases also found on other pages (check each by hand; fine when the other page is an index or another context):`);
  for (const note of repeats) console.log(`  ${note}`);
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
  process.exit(1);
}
console.log(`\n${questions.length} questions: every key phrase is on its page.`);
