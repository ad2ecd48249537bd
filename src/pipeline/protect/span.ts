/** A sparse integer vector over inner cells: cell index → non-zero coefficient. */
export type SparseVector = Map<number, number>;

/** Greatest common divisor of two integers (non-negative). */
export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** `x`, or a throw when it is no longer exact (outside the safe-integer range). */
export function checked(x: number): number {
  if (!Number.isSafeInteger(x)) throw new Error("coefficient overflow in exact elimination");
  return x;
}

/** Divides a vector by the gcd of its coefficients and makes its lowest column positive. */
export function normalize(v: SparseVector): SparseVector {
  let g = 0;
  let low = Infinity;
  for (const [c, x] of v) {
    g = gcd(g, x);
    if (c < low) low = c;
  }
  if (g === 0) return v;
  const sign = (v.get(low) ?? 1) < 0 ? -1 : 1;
  const f = g * sign;
  if (f !== 1) for (const [c, x] of v) v.set(c, x / f);
  return v;
}

/** A canonical string for a normalized vector: equal keys ⇔ parallel vectors. */
export function vectorKey(v: SparseVector): string {
  return [...v]
    .sort((a, b) => a[0] - b[0])
    .map(([c, x]) => `${c}:${x}`)
    .join(",");
}

/** Min-heap of non-negative integers. */
class ColumnHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const m = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[m]! >= last) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/** One basis row: its columns (the pivot first) and their coefficients. */
interface Row {
  cols: Int32Array;
  vals: Float64Array;
}

/**
 * The span of known linear relations over inner cells, in exact integer arithmetic: a basis
 * of reduced rows, each with a pivot column where every row added after it is zero. Reducing
 * a vector eliminates the pivots of the rows in the order they were added: eliminating one
 * only brings in columns of later rows' pivots, so one pass suffices. Coefficients stay
 * integers (cross-multiplication, then division by the gcd) and any overflow of the
 * safe-integer range throws instead of rounding.
 *
 * The pivot of a new row is its highest column. Any choice spans the same space and makes
 * the same vectors zero or parallel after reduction (the residual of `v` is the one vector of
 * `v + span` that is zero at every pivot column: linear in `v`); this one keeps reductions
 * short. Cells are numbered unit by unit, so a total's highest cell is in its last unit,
 * where few other figures are; with the lowest column as pivot, every figure of the first
 * unit dragged each total above it through its reduction (about 30 eliminations of rows of
 * about 100 cells per reduction in a county of 300 schools, against 4 of 12).
 *
 * Rows are kept in typed arrays and a reduction works in a dense scratch array over the
 * columns (a sparse accumulator).
 */
export class Span {
  private readonly rows = new Map<number, Row>();
  /** Scratch accumulator, indexed by column; all zero between calls. */
  private acc = new Float64Array(1024);
  /** Scratch marks of the columns a reduction has touched; all zero between calls. */
  private seen = new Uint8Array(1024);
  /** Per column: 1 + the number of the row it is the pivot of (in order added), else 0. */
  private pivot = new Int32Array(1024);
  /** The pivot column of each row, in the order added. */
  private pivots: number[] = [];
  /** The highest column of any row. */
  private top = 0;

  /**
   * @param below columns from here up are never pivots (`Attacker` keeps right-hand sides
   *   there); every row must have a column below.
   */
  constructor(private readonly below = Infinity) {}

  /** Number of independent relations. */
  get rank(): number {
    return this.rows.size;
  }

  /** The pivot columns of the basis. */
  isPivot(column: number): boolean {
    return this.rows.has(column);
  }

  /** A copy with the same basis, to be extended independently. Rows are shared (immutable). */
  clone(): Span {
    const copy = new Span(this.below);
    for (const [p, row] of this.rows) copy.rows.set(p, row);
    copy.grow(this.acc.length - 1);
    copy.pivot.set(this.pivot);
    copy.pivots = this.pivots.slice();
    copy.top = this.top;
    return copy;
  }

  private grow(column: number): void {
    if (column < this.acc.length) return;
    let n = this.acc.length;
    while (n <= column) n *= 2;
    const acc = new Float64Array(n);
    acc.set(this.acc);
    this.acc = acc;
    const seen = new Uint8Array(n);
    seen.set(this.seen);
    this.seen = seen;
    const pivot = new Int32Array(n);
    pivot.set(this.pivot);
    this.pivot = pivot;
  }

  /** `v` minus its projection on the span: zero (empty) iff `v` lies in the span. */
  reduce(v: SparseVector): SparseVector {
    let top = this.top;
    for (const c of v.keys()) if (c > top) top = c;
    this.grow(top);
    const { acc, pivot, seen } = this;
    // Columns that were non-zero at some point of this reduction, each once.
    const touched: number[] = [];
    // Rows to eliminate, by the order they were added.
    const heap = new ColumnHeap();
    for (const [c, x] of v) {
      if (x === 0) continue;
      acc[c] = x;
      seen[c] = 1;
      touched.push(c);
      if (pivot[c] !== 0) heap.push(pivot[c]! - 1);
    }
    try {
      while (heap.size > 0) {
        const p = this.pivots[heap.pop()]!;
        const b = acc[p]!;
        if (b === 0) continue;
        const { cols, vals } = this.rows.get(p)!;
        const a = vals[0]!;
        const g = gcd(a, b);
        const fa = a / g;
        const fb = b / g;
        if (fa !== 1) for (const c of touched) acc[c] = checked(acc[c]! * fa);
        for (let j = 0; j < cols.length; j++) {
          const c = cols[j]!;
          const before = acc[c]!;
          const x = checked(before - checked(fb * vals[j]!));
          acc[c] = x;
          if (before === 0 && x !== 0) {
            if (seen[c] === 0) {
              seen[c] = 1;
              touched.push(c);
            }
            if (pivot[c] !== 0) heap.push(pivot[c]! - 1);
          }
        }
      }
      const out: SparseVector = new Map();
      for (const c of touched) if (acc[c] !== 0) out.set(c, acc[c]!);
      return normalize(out);
    } finally {
      for (const c of touched) {
        acc[c] = 0;
        seen[c] = 0;
      }
    }
  }

  /** Eliminates column `p` (coefficient `b`) from `out` with the basis row pivoted at `p`. */
  private eliminate(out: SparseVector, p: number, b: number): void {
    const row = this.rows.get(p)!;
    const a = row.vals[0]!;
    const g = gcd(a, b);
    const fa = a / g;
    const fb = b / g;
    if (fa !== 1) for (const [c, x] of out) out.set(c, checked(x * fa));
    for (let j = 0; j < row.cols.length; j++) {
      const c = row.cols[j]!;
      const x = (out.get(c) ?? 0) - checked(fb * row.vals[j]!);
      checked(x);
      if (x === 0) out.delete(c);
      else out.set(c, x);
    }
  }

  /** Whether `v` lies in the span. */
  contains(v: SparseVector): boolean {
    return this.reduce(v).size === 0;
  }

  /**
   * Adds an already reduced, non-zero vector to the basis and returns its pivot column.
   * The caller must update any vectors it keeps reduced against this span (see `reduceBy`).
   */
  addReduced(r: SparseVector): number {
    if (r.size === 0) throw new Error("cannot add a zero relation");
    let p = -1;
    for (const c of r.keys()) {
      if (c > p && c < this.below) p = c;
      if (this.rows.has(c)) throw new Error("relation not reduced");
    }
    if (p < 0) throw new Error("relation without a pivot column");
    const cols = new Int32Array(r.size);
    const vals = new Float64Array(r.size);
    cols[0] = p;
    vals[0] = r.get(p)!;
    let j = 1;
    for (const [c, x] of r) {
      if (c === p) continue;
      cols[j] = c;
      vals[j++] = x;
      if (c > this.top) this.top = c;
    }
    this.rows.set(p, { cols, vals });
    if (p > this.top) this.top = p;
    this.grow(this.top);
    this.pivot[p] = this.pivots.length + 1;
    this.pivots.push(p);
    return p;
  }

  /** Reduces and adds `v`; returns the pivot, or undefined when `v` was already in the span. */
  add(v: SparseVector): number | undefined {
    const r = this.reduce(v);
    return r.size === 0 ? undefined : this.addReduced(r);
  }

  /**
   * Keeps a vector reduced after the row with pivot `p` was added: eliminates `p` from it in
   * place. The result has no pivot column, since the new row had none but `p`.
   */
  reduceBy(v: SparseVector, p: number): SparseVector {
    const b = v.get(p);
    if (b === undefined) return v;
    this.eliminate(v, p, b);
    return normalize(v);
  }
}
