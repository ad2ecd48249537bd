import type { SparseVector } from "./span.ts";

/**
 * Integer points known to be feasible for the attacker, kept as their differences from the
 * truth (an audit's solves find them; `AuditMemo` carries them from round to round), with
 * the newest `max` kept. `spread` gives the smallest and largest value of a linear objective
 * over the truth and these points.
 *
 * The points are indexed by cell: an objective is evaluated at every point at once from the
 * points that differ from the truth in one of its cells, instead of point by point over all
 * its cells. Most points differ from the truth in a small part of the system.
 */
export class Points {
  /** Sequence number of the oldest point kept; the points kept are `first … next − 1`. */
  private first = 0;
  private next = 0;
  /**
   * Per cell, the points that differ there, oldest first: sequence numbers and differences.
   * The first entries may belong to points no longer kept.
   */
  private readonly byCell = new Map<number, { seq: number[]; delta: number[] }>();
  private objective = new Float64Array(0);
  private insider = new Float64Array(0);

  constructor(
    private readonly truth: ArrayLike<number>,
    private readonly max: number,
  ) {}

  /** Number of points kept. */
  get size(): number {
    return this.next - this.first;
  }

  /** Adds a point given as the cells where it differs from the truth (cell → value). */
  add(point: ReadonlyMap<number, number>): void {
    const seq = this.next++;
    for (const [c, v] of point) {
      const d = v - this.truth[c]!;
      if (d === 0) continue;
      let entry = this.byCell.get(c);
      if (!entry) this.byCell.set(c, (entry = { seq: [], delta: [] }));
      else if (entry.seq.length >= 2 * this.max && entry.seq[0]! < this.first) {
        // Drop the entries of points no longer kept (they are the oldest, at the start).
        let dead = 0;
        while (entry.seq[dead]! < this.first) dead++;
        entry.seq.splice(0, dead);
        entry.delta.splice(0, dead);
      }
      entry.seq.push(seq);
      entry.delta.push(d);
    }
    // The entries of a point no longer kept stay in the lists until they are compacted;
    // readers skip them.
    if (this.size > this.max) this.first++;
  }

  /**
   * The smallest and largest value of `v` over the truth and the points kept; with `insider`,
   * over the truth and those points where `insider` is 1.
   */
  spread(v: SparseVector, insider?: SparseVector): [number, number] {
    const n = this.size;
    if (this.objective.length < n) {
      this.objective = new Float64Array(this.max + 1);
      this.insider = new Float64Array(this.max + 1);
    }
    const base = this.accumulate(v, this.objective);
    let lo = base;
    let hi = base;
    const insiderBase = insider ? this.accumulate(insider, this.insider) : 0;
    for (let i = 0; i < n; i++) {
      const d = this.objective[i]!;
      if (d === 0) continue;
      if (insider && insiderBase + this.insider[i]! !== 1) continue;
      const x = base + d;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return [lo, hi];
  }

  /** `v` at the truth; into `out[seq − first]`, its difference at each point kept. */
  private accumulate(v: SparseVector, out: Float64Array): number {
    out.fill(0, 0, this.size);
    let base = 0;
    for (const [c, coef] of v) {
      base += coef * this.truth[c]!;
      const entry = this.byCell.get(c);
      if (!entry) continue;
      for (let j = entry.seq.length - 1; j >= 0; j--) {
        const i = entry.seq[j]! - this.first;
        if (i < 0) break;
        out[i] = out[i]! + coef * entry.delta[j]!;
      }
    }
    return base;
  }
}
