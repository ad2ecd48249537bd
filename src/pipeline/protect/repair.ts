import { suppressFirst } from "./cost.ts";
import type { Sums } from "./sums.ts";
import type { AuditFailure, Figure } from "./system.ts";

/**
 * Interval repair: for every figure that fails an audit check, the cheapest published,
 * non-zero figure that shares a sum with it — a term of the smallest sum around it that still
 * has one, or else that sum's total; failing that, the same around the totals of its sums,
 * outwards. Returns the ids to suppress next (empty when nothing reachable is left).
 */
export function repair(
  failures: AuditFailure[],
  byId: ReadonlyMap<string, Figure>,
  valueOf: (f: Figure) => number,
  suppressed: ReadonlySet<string>,
  sums: Sums,
): Set<string> {
  const out = new Set<string>();
  const usable = (f: Figure | undefined): f is Figure =>
    f !== undefined && !suppressed.has(f.id) && valueOf(f) > 0;
  // Around each failing figure; when nothing is left there, around the totals of its sums,
  // outwards, until something can be hidden (the "more aggressive" step).
  for (const failing of new Set(failures.map((f) => f.figure))) {
    const queue = [failing];
    const seen = new Set(queue);
    search: while (queue.length > 0) {
      const id = queue.shift()!;
      for (const { sum, cells } of sums.around(id)) {
        const mine = new Set(cells);
        const parts = sum.parts
          .filter((p) => p.figure !== id && !p.cells.some((c) => mine.has(c)))
          .map((p) => byId.get(p.figure))
          .filter(usable)
          .sort((a, b) => suppressFirst(a, b, valueOf));
        const owner = byId.get(sum.figure);
        const pick = parts[0] ?? (usable(owner) ? owner : undefined);
        if (pick) {
          out.add(pick.id);
          break search;
        }
      }
      for (const { sum } of sums.around(id)) {
        if (!seen.has(sum.figure)) {
          seen.add(sum.figure);
          queue.push(sum.figure);
        }
      }
    }
  }
  return out;
}
