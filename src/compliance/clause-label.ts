/** Distinct clause paths in order, without the nulls of chunks outside any clause. */
export function commonClausePathLabel(paths: ReadonlyArray<string | null>): string[] {
  const out: string[] = [];
  for (const path of paths) if (path !== null && !out.includes(path)) out.push(path);
  return out;
}
