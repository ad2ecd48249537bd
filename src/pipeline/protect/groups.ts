import type { SparseVector } from "./span.ts";

/**
 * Published groups of fewer than k pupils (statistics-and-disclosure.md §3, A1): a grade of 3
 * pupils (public enrolment), or a school's 8 left-behind children against the sensitive
 * groups' k = 10. A figure of such a group's pupils whose interval is all of 0…n tells nothing
 * the published n does not, so it passes A1 (and A2) like a group that public knowledge alone
 * bounds. Both audits use this.
 */
export class SmallGroups {
  /** By cell: every decomposition of a small published figure that holds it. */
  private readonly byCell = new Map<number, { value: number; cells: Set<number> }[]>();

  /** `figures`: the published figures (value ≥ 1) with their decompositions. */
  constructor(figures: Iterable<{ value: number; decompositions: number[][] }>, kMax: number) {
    for (const { value, decompositions } of figures) {
      if (value < 1 || value >= kMax) continue;
      for (const d of decompositions) {
        const group = { value, cells: new Set(d) };
        for (const c of group.cells) {
          let list = this.byCell.get(c);
          if (!list) this.byCell.set(c, (list = []));
          list.push(group);
        }
      }
    }
  }

  /**
   * The range the smallest published group of fewer than `k` that holds `v` (a figure of its
   * pupils, coefficients 1) allows: 0…n; with an insider who is one of the group (a figure of
   * value 1), 1…n when the insider is inside `v` and 0…n−1 when outside. Undefined when no such
   * group holds `v`, or the insider's figure straddles the group's edge.
   */
  range(v: SparseVector, k: number, insider?: SparseVector): [number, number] | undefined {
    const [first] = v.keys();
    if (first === undefined) return undefined;
    for (const x of v.values()) if (x !== 1) return undefined;
    let best: [number, number] | undefined;
    let smallest = k;
    for (const g of this.byCell.get(first) ?? []) {
      if (g.value >= smallest) continue;
      let inside = true;
      for (const c of v.keys()) if (!g.cells.has(c)) inside = false;
      if (!inside) continue;
      let range: [number, number] = [0, g.value];
      if (insider) {
        const cells = [...insider.keys()];
        if (cells.every((c) => v.has(c))) range = [1, g.value];
        else if (cells.every((c) => g.cells.has(c) && !v.has(c))) range = [0, g.value - 1];
        else if (cells.some((c) => g.cells.has(c))) continue;
      }
      best = range;
      smallest = g.value;
    }
    return best;
  }
}
