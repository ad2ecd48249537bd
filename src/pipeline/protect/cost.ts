import type { Figure } from "./system.ts";

/**
 * The secondary-suppression cost order: negative when `a` should be suppressed before `b`.
 * GaussSuppression walks the candidates in the reverse of this order and keeps each one that
 * does not determine a protected figure, so what comes last here is kept first: headline
 * figures (left-behind per definition, by sex, the coverage of the normed care types), then
 * higher levels, totals, larger values (statistics-and-disclosure.md §3). Small interior
 * cells of schools are hidden first. Ties are broken by id so the result is deterministic.
 */
export function suppressFirst(a: Figure, b: Figure, valueOf: (f: Figure) => number): number {
  return (
    Number(a.headline ?? false) - Number(b.headline ?? false) ||
    a.level - b.level ||
    Number(a.total ?? false) - Number(b.total ?? false) ||
    valueOf(a) - valueOf(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
