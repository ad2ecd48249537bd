import { suppressFirst } from "./cost.ts";
import type { Sums } from "./sums.ts";
import type { AuditFailure, Figure } from "./system.ts";

/**
 * Interval repair: for every figure that fails an audit check, one published, non-zero,
 * non-public figure to hide next. In order: a part of a sum around it (a sibling) — among the
 * cheapest, the first large enough to widen the failing interval by what it lacks
 * (`AuditFailure.need`), else the largest; then the cheapest published figure that holds the
 * failing bound (`heldBy`: a shown figure whose constraint is part of the attacker's LP
 * certificate, such as "children with a monthly talk", which bounds a left-behind count from
 * below); then the cheapest total of a sum around it; then a figure that holds its cells
 * without being a sum of figures (the 2016-definition count holds a primary school's 双亲
 * pupils). Headline figures are taken only when none of that is left without them; then the
 * same search goes on outwards, around the totals. For the `stubborn` figures (failing round
 * after round) what holds the bound comes first. Returns the ids to suppress next (empty when
 * nothing reachable is left).
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
    f !== undefined && !f.public && !suppressed.has(f.id) && valueOf(f) > 0;
  /** The cheapest figure that holds a failing bound of `failing` (the LP's certificate). */
  const holding = new Map<string, Figure[]>();
  const held = (failing: string, allow: (f: Figure) => boolean): Figure | undefined => {
    if (!heldBy) return undefined;
    let list = holding.get(failing);
    if (!list) {
      list = [...new Set(heldBy(failures.filter((f) => f.figure === failing)))]
        .map((h) => byId.get(h))
        .filter(usable)
        .sort((a, b) => suppressFirst(a, b, valueOf));
      holding.set(failing, list);
    }
    return list.find(allow);
  };
  // The figures whose decompositions hold a cell of a figure (built when first needed).
  let byCell: Map<number, Figure[]> | undefined;
  const holders = (id: string): Figure[] => {
    if (!byCell) {
      byCell = new Map();
      for (const f of byId.values()) {
        for (const c of new Set(f.decompositions.flat())) {
          let list = byCell.get(c);
          if (!list) byCell.set(c, (list = []));
          list.push(f);
        }
      }
    }
    const own = byId.get(id);
    const out = new Set<Figure>();
    for (const c of new Set(own?.decompositions.flat() ?? [])) {
      for (const f of byCell.get(c) ?? []) if (f !== own) out.add(f);
    }
    return [...out];
  };
  // How much wider each failing figure's interval must become (the largest need among its
  // failing checks): a part at least that large is enough on its own.
  const needOf = new Map<string, number>();
  for (const f of failures) needOf.set(f.figure, Math.max(needOf.get(f.figure) ?? 1, f.need ?? 1));
  /**
   * The cheapest of `sorted` that is large enough to widen by `need`, else the largest; headline
   * figures only when no other part is left.
   */
  const enough = (sorted: Figure[], need: number): Figure | undefined => {
    const plain = sorted.filter((f) => !f.headline);
    const tier = plain.length > 0 ? plain : sorted;
    return (
      tier.find((f) => valueOf(f) >= need) ??
      tier.reduce<Figure | undefined>((a, f) => (a && valueOf(a) >= valueOf(f) ? a : f), undefined)
    );
  };

  /**
   * First a part of a sum around the failing figure (its siblings: the smallest sum that has
   * one); then what holds its bound; only then a total of one of its sums; then the same
   * outwards, around those totals. `allow` limits the choice (headline figures are only taken
   * when nothing else can be hidden).
   */
  const search = (
    failing: string,
    allow: (f: Figure) => boolean,
    outwards: boolean,
  ): [Figure, string] | undefined => {
    const need = needOf.get(failing)!;
    const self = byId.get(failing);
    // Parts of the same table and level come first (the failing figure's own row: its
    // siblings), then parts of its level, then the rest (a school's figure inside a
    // township's sum moves only as far as its own school's row lets it).
    const tier = (f: Figure): number =>
      f.level !== self?.level ? 2 : f.table === self.table && f.parent === self.parent ? 0 : 1;
    const ok = (f: Figure | undefined): f is Figure => usable(f) && allow(f);
    if (stubborn.has(failing)) {
      const pick = held(failing, allow);
      if (pick) return [pick, "stubborn held"];
    }
    const queue = [failing];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const id = queue.shift()!;
      const around = sums.around(id);
      for (const { sum, cells } of around) {
        const mine = new Set(cells);
        const parts = sum.parts
          .filter((p) => p.figure !== id && !p.cells.some((c) => mine.has(c)))
          .map((p) => byId.get(p.figure))
          .filter(ok)
          .sort((a, b) => tier(a) - tier(b) || suppressFirst(a, b, valueOf));
        const best = parts[0] && tier(parts[0]);
        const pick = enough(
          parts.filter((f) => tier(f) === best),
          need,
        );
        if (pick) return [pick, "part"];
      }
      if (id === failing && !stubborn.has(failing)) {
        const pick = held(failing, allow);
        if (pick) return [pick, "held"];
      }
      const owners = around
        .map(({ sum }) => byId.get(sum.figure))
        .filter(ok)
        .sort((a, b) => suppressFirst(a, b, valueOf));
      if (owners[0]) return [owners[0], `owner of ${id}`];
      if (id === failing) {
        // A figure that holds the failing one's cells without being a sum of figures (the
        // 2016-definition count holds every 双亲留守 pupil of a primary school).
        const holding = holders(failing)
          .filter(ok)
          .sort((a, b) => suppressFirst(a, b, valueOf));
        if (holding[0]) return [holding[0], "holds its cells"];
      }
      if (!outwards) break;
      for (const { sum } of around) {
        if (!seen.has(sum.figure)) {
          seen.add(sum.figure);
          queue.push(sum.figure);
        }
      }
    }
    return undefined;
  };
  for (const failing of new Set(failures.map((f) => f.figure))) {
    const found = search(failing, (f) => !f.headline, false) ?? search(failing, () => true, true);
    if (found) out.add(found[0].id);
  }
  return out;
}
