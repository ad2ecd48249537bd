import type { Problem } from "../problems.ts";

/** Problems in a stable order: by file, then row, then column, then code. */
export function sortProblems(list: Problem[]): Problem[] {
  return list.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? "").localeCompare(b.column ?? "") ||
      a.code.localeCompare(b.code),
  );
}
