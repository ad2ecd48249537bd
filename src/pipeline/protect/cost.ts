import type { Figure } from "./system.ts";

/**
 * The secondary-suppression cost order: negative when `a` should be suppressed before `b`.
 * Headline figures last (enrolment, left-behind count, by sex), then lower levels first,
 * interior cells before totals, larger values before smaller (a large
 * hidden cell leaves a wide interval around the cells it protects), then by id so the order
 * is total and the result deterministic.
 */
export function suppressFirst(a: Figure, b: Figure, valueOf: (f: Figure) => number): number {
  return (
    Number(a.headline ?? false) - Number(b.headline ?? false) ||
    a.level - b.level ||
    Number(a.total ?? false) - Number(b.total ?? false) ||
    valueOf(b) - valueOf(a) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
