/**
 * Builds src/retrieve/lexicon.txt: English↔Korean term translations and Korean↔Korean paraphrases learned from the
 * Korean UI translations Debian ships as gettext catalogues (msgid English → msgstr Korean), issue 8.
 *
 *   npx node bench/build-lexicon.ts [--out src/retrieve/lexicon.txt] [--dump FILE] [--only translations|paraphrases]
 *     [--min-weight W]
 *
 * Each package of PACKAGES is fetched with `apt-get download` and unpacked into test/.cache/debian/ (the test
 * fixtures' cache, test/fixtures/debian.ts), its Korean catalogues (…/ko/LC_MESSAGES/*.mo) are read
 * (bench/lexicon/mo.ts) and their short pairs aligned (bench/lexicon/align.ts). The output names the .deb of every
 * package; with the same .debs a re-run writes the same bytes. It lives in bench/ beside the other tools that make
 * the project's data (bench/real-docs, bench/lib), where tsconfig type-checks it; nothing in src/ runs it.
 * gimp, gimp-help and gnuplot are left out on purpose: their documents are another evaluation split. `--dump`
 * writes every entry with its counts (links / pairs with the English / pairs with the Korean) or pivots; `--only`
 * writes one part and `--min-weight` keeps only stronger translations, for measuring variants (BENCHMARKS.md
 * "Learned lexicon"); the committed file is built without either.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { debianPackage } from "../test/fixtures/debian.ts";
import { align, cleanMessage, pivot, unitsOf, type Paraphrase, type Translation } from "./lexicon/align.ts";
import { readMo } from "./lexicon/mo.ts";

/** Office, desktop and system software whose Korean UI wording is the vocabulary of manuals. */
export const PACKAGES = [
  "libreoffice-l10n-ko",
  "coreutils", "tar", "apt", "dpkg", "libc-l10n",
  "gnome-control-center-data", "gnome-settings-daemon-common", "gnome-shell-common", "libgtk-3-common",
  "nautilus-data", "evince-common", "gedit-common", "eog", "totem-common", "rhythmbox-data", "file-roller",
  "baobab", "gnome-disk-utility", "gnome-system-monitor", "gnome-software-common", "gnome-terminal-data",
  "network-manager", "system-config-printer-common",
  "thunar-data", "xfce4-settings", "mousepad",
  "dolphin", "okular",
] as const;
const EXCLUDED = /^(?:gimp|gnuplot)/u;

/** A translation is kept with at least this many links and this weight (Dice of its links). */
const MIN_LINKS = 3;
const MIN_TRANSLATION_WEIGHT = 0.1;
/** A paraphrase is kept at this pivot probability or above, between terms both kept as translations. */
const MIN_PARAPHRASE_WEIGHT = 0.2;

async function catalogues(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".mo") && path.includes("/ko/LC_MESSAGES/")) found.push(path);
    }
  };
  await walk(root);
  return found;
}

const format = (weight: number) => weight.toFixed(3);

export async function buildLexicon(
  only: "translations" | "paraphrases" | null = null,
  minTranslationWeight = MIN_TRANSLATION_WEIGHT,
): Promise<{ text: string; translations: Translation[]; paraphrases: Paraphrase[]; stats: string[] }> {
  const seen = new Set<string>();
  const messages: Array<[string, string]> = [];
  const debs: string[] = [];
  const stats: string[] = [];
  for (const pkg of PACKAGES) {
    if (EXCLUDED.test(pkg)) throw new Error(`${pkg} is excluded: its documents are an evaluation split`);
    const { root, deb } = await debianPackage(pkg);
    debs.push(deb);
    let count = 0;
    for (const file of await catalogues(root)) {
      for (const message of readMo(await readFile(file), relative(root, file))) {
        const translation = message.translations[0] ?? "";
        if (translation.trim() === "") continue;
        const english = cleanMessage(message.id);
        const korean = cleanMessage(translation);
        const key = `${english}\t${korean}`;
        if (english === "" || korean === "" || seen.has(key)) continue;
        seen.add(key);
        messages.push([english, korean]);
        count++;
      }
    }
    stats.push(`${deb}: ${count} distinct pairs`);
  }
  const pairs = unitsOf(messages);
  const aligned = align(pairs, MIN_LINKS).filter((t) => t.weight >= minTranslationWeight);
  const pivoted = pivot(aligned, MIN_PARAPHRASE_WEIGHT);
  const translations = only === "paraphrases" ? [] : aligned;
  const paraphrases = only === "translations" ? [] : pivoted;
  stats.push(`${messages.length} distinct message pairs, ${pairs.length} short pairs aligned`);
  stats.push(`${translations.length} translations, ${paraphrases.length} paraphrases`);

  const lines = [
    "# jikji's learned term lexicon (JIKJI_LEXICON_*_WEIGHT). GENERATED by bench/build-lexicon.ts; do not edit by hand.",
    "#",
    "# Derived statistics, not a copy of the translations: word alignments learned from the Korean UI translations",
    "# (gettext msgid English → msgstr Korean) of the Debian packages below, by competitive linking over Dice",
    "# association on pairs of 1-4 words a side, and Korean paraphrases through shared English translations",
    "# (pivoting). Each line: term<TAB>term<TAB>weight. Translations: weight = Dice of the links",
    `# (≥ ${MIN_LINKS} links, weight ≥ ${minTranslationWeight}); paraphrases: sqrt(p(b|a)·p(a|b)) ≥ ${MIN_PARAPHRASE_WEIGHT}.`,
    "#",
    "# Packages (.deb files, Debian 12):",
    ...debs.map((deb) => `#   ${deb}`),
    "",
    "# --- translations (English, Korean)",
    ...translations.map((t) => `${t.english}\t${t.korean}\t${format(t.weight)}`),
    "",
    "# --- paraphrases (Korean, Korean)",
    ...paraphrases.map((p) => `${p.a}\t${p.b}\t${format(p.weight)}`),
    "",
  ];
  return { text: lines.join("\n"), translations, paraphrases, stats };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: "string", default: "src/retrieve/lexicon.txt" }, dump: { type: "string" }, only: { type: "string" }, "min-weight": { type: "string" } },
  });
  if (values.only !== undefined && values.only !== "translations" && values.only !== "paraphrases") {
    throw new Error(`--only takes "translations" or "paraphrases", not "${values.only}"`);
  }
  const minWeight = values["min-weight"] === undefined ? MIN_TRANSLATION_WEIGHT : Number(values["min-weight"]);
  if (!(minWeight > 0 && minWeight <= 1)) throw new Error(`--min-weight takes a number in (0, 1], not "${values["min-weight"]}"`);
  const { text, translations, paraphrases, stats } = await buildLexicon(values.only ?? null, minWeight);
  await writeFile(values.out!, text);
  if (values.dump !== undefined) {
    await writeFile(
      values.dump,
      [
        ...translations.map((t) => `T\t${t.english}\t${t.korean}\t${format(t.weight)}\t${t.links}/${t.englishPairs}/${t.koreanPairs}`),
        ...paraphrases.map((p) => `P\t${p.a}\t${p.b}\t${format(p.weight)}\t${p.pivots.join(" ")}`),
      ].join("\n") + "\n",
    );
  }
  for (const line of stats) console.log(line);
  console.log(`${values.out}: ${Buffer.byteLength(text)} bytes`);
}
