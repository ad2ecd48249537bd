/** A sparse integer vector over inner cells: cell index → non-zero coefficient. */
export type SparseVector = Map<number, number>;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checked(x: number): number {
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

/** Smallest column of a non-empty vector. */
export function lowest(v: SparseVector): number {
  let low = Infinity;
  for (const c of v.keys()) if (c < low) low = c;
  return low;
}

/** Min-heap of column indices. */
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

/**
 * The span of known linear relations over inner cells, in exact integer arithmetic: a row
 * echelon basis whose pivot is each row's lowest column. Reducing a vector eliminates pivot
 * columns in increasing order; a row only adds columns above its pivot, so one pass suffices.
 * Coefficients stay integers (cross-multiplication, then division by the gcd) and any overflow
 * of the safe-integer range throws instead of rounding.
 */
export class Span {
  private readonly rows = new Map<number, SparseVector>();

  /** Number of independent relations. */
  get rank(): number {
    return this.rows.size;
  }

  /** The pivot columns of the basis. */
  isPivot(column: number): boolean {
    return this.rows.has(column);
  }

  /** `v` minus its projection on the span: zero (empty) iff `v` lies in the span. */
  reduce(v: SparseVector): SparseVector {
    const out: SparseVector = new Map(v);
    const heap = new ColumnHeap();
    for (const c of out.keys()) if (this.rows.has(c)) heap.push(c);
    while (heap.size > 0) {
      const p = heap.pop();
      const b = out.get(p);
      if (b === undefined) continue;
      this.eliminate(out, p, b, heap);
    }
    return normalize(out);
  }

  /** Eliminates column `p` (coefficient `b`) from `out` with the basis row pivoted at `p`. */
  private eliminate(out: SparseVector, p: number, b: number, heap?: ColumnHeap): void {
    const row = this.rows.get(p)!;
    const a = row.get(p)!;
    const g = gcd(a, b);
    const fa = a / g;
    const fb = b / g;
    if (fa !== 1) for (const [c, x] of out) out.set(c, checked(x * fa));
    for (const [c, y] of row) {
      const x = (out.get(c) ?? 0) - checked(fb * y);
      checked(x);
      if (x === 0) out.delete(c);
      else {
        if (!out.has(c) && heap && this.rows.has(c)) heap.push(c);
        out.set(c, x);
      }
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
    const p = lowest(r);
    if (this.rows.has(p)) throw new Error("relation not reduced");
    this.rows.set(p, r);
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
