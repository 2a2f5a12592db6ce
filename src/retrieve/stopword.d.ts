/** The `stopword` package ships no types; jikji uses only its English list, imported from its own file. */
declare module "stopword/src/stopwords_eng.js" {
  /** English stopwords, lower case. */
  export const eng: readonly string[];
}
