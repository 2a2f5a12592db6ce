/**
 * When a regulation takes effect, read from its own text: the 부칙 ("이 규정은 2025년 3월 1일부터 시행한다") or an
 * English "effective as of March 1, 2025" / "Effective date: 2025-03-01". A document amended several times keeps
 * one 부칙 per amendment; the latest date is the one this version brings into force.
 */

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const KOREAN = /(\d{4})\s*[년.]\s*(\d{1,2})\s*[월.]\s*(\d{1,2})\s*일?\s*\.?\s*(?:부터|로부터)\s*(?:시행|적용|효력)/gu;
const ENGLISH_ISO = /effective(?:\s+date)?(?:\s+(?:as\s+of|from|on))?\s*[:：]?\s*(\d{4})-(\d{2})-(\d{2})/giu;
const ENGLISH_LONG = new RegExp(
  String.raw`effective(?:\s+date)?(?:\s+(?:as\s+of|from|on))?\s*[:：]?\s*(?:(${MONTHS.join("|")})\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(${MONTHS.join("|")})\s+(\d{4}))`,
  "giu",
);

/** "2025-03-01" when the parts make a real calendar day, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A strict ISO day ("2025-03-01"), or null. */
export function parseIsoDay(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** The latest effective date the text states, or null when it states none. */
export function effectiveDateOf(text: string): string | null {
  const dates: string[] = [];
  const add = (date: string | null): void => {
    if (date !== null) dates.push(date);
  };
  for (const match of text.matchAll(KOREAN)) add(isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  for (const match of text.matchAll(ENGLISH_ISO)) add(isoDate(Number(match[1]), Number(match[2]), Number(match[3])));
  for (const match of text.matchAll(ENGLISH_LONG)) {
    const month = MONTHS.indexOf((match[1] ?? match[5])!.toLowerCase()) + 1;
    add(isoDate(Number(match[3] ?? match[6]), month, Number(match[2] ?? match[4])));
  }
  return dates.length === 0 ? null : dates.sort().at(-1)!;
}
