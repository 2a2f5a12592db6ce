/** The `stopword` package ships no types; jikji uses only its English list. */
declare module "stopword" {
  /** English stopwords, lower case. */
  export const eng: readonly string[];
}
