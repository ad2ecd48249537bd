import { suppressFirst } from "./cost.ts";
import type { Sums } from "./sums.ts";
import type { AuditFailure, Figure } from "./system.ts";

/**
 * Interval repair: for every figure that fails an audit check, the cheapest published,
 * non-zero figure that shares a sum with it — a term of the smallest sum around it that still
 * has one, or else that sum's total. Failing that, the cheapest published figure that holds
 * the failing bound (`heldBy`: a shown figure whose constraint is part of the attacker's LP
 * certificate, such as "children with a monthly talk, summed over eight months", which bounds
 * a left-behind count from below); failing that too, the same search as first around the
 * totals of its sums, outwards. For the `stubborn` figures (failing round after round while
 * the figures around them are hidden one by one) what holds the bound comes first. Returns
 * the ids to suppress next (empty when nothing reachable is left).
 */
export function repair(
  failures: AuditFailure[],
  byId: ReadonlyMap<string, Figure>,
  valueOf: (f: Figure) => number,
  suppressed: ReadonlySet<string>,
  sums: Sums,
  heldBy?: (failures: AuditFailure[]) => Iterable<string>,
  stubborn: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  const usable = (f: Figure | undefined): f is Figure =>
    f !== undefined && !suppressed.has(f.id) && valueOf(f) > 0;
  /** The cheapest figure that holds a failing bound of `failing`. */
  const held = (failing: string): Figure | undefined =>
    heldBy &&
    [...new Set(heldBy(failures.filter((f) => f.figure === failing)))]
      .map((h) => byId.get(h))
      .filter(usable)
      .sort((a, b) => suppressFirst(a, b, valueOf))[0];
  for (const failing of new Set(failures.map((f) => f.figure))) {
    if (stubborn.has(failing)) {
      const pick = held(failing);
      if (pick) {
        out.add(pick.id);
        continue;
      }
    }
    // Around the failing figure; when nothing is left there, what holds its bound; then around
    // the totals of its sums, outwards, until something can be hidden (the "more aggressive"
    // step).
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
      if (id === failing && !stubborn.has(failing)) {
        const pick = held(failing);
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
