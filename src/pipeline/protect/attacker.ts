import type { Highs, Model } from "highs";
import { checked, gcd, normalize, Span, vectorKey, type SparseVector } from "./span.ts";

/** A linear constraint over inner cells: `lo ≤ Σ coefs[i] · x[cells[i]] ≤ hi`. */
export interface Constraint {
  cells: number[];
  coefs: number[];
  lo: number;
  hi: number;
  /**
   * What published this constraint, when something could be withheld to drop it: a shown
   * figure's id or a ratio's id (see `Attacker.binding`). Identities have none.
   */
  source?: { figure: string } | { ratio: string };
}

/**
 * Drops equalities implied by the others (exact elimination, smallest rows kept first): a
 * region total is implied by its township totals when they are all published, and without it
 * the townships' cells fall apart into independent, much smaller components. The truth
 * satisfies every constraint, so an implied equality's right-hand side always agrees.
 *
 * With `rhs` (a column above every cell), the span is built over the equalities with their
 * right-hand sides (`a·x − b` as `a` plus `−b` at `rhs`) and returned too: it lets `Attacker`
 * recognize objectives that are the same up to an affine map on the feasible set. The rows
 * kept are the same either way (the system is consistent).
 */
function independent(constraints: Constraint[], rhs?: number): { kept: Constraint[]; span: Span } {
  const span = new Span(rhs);
  const order = constraints
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.cells.length - b.c.cells.length || a.i - b.i);
  const keep = new Set<number>();
  for (const { c, i } of order) {
    if (c.lo !== c.hi || !c.coefs.every(Number.isInteger)) {
      keep.add(i);
      continue;
    }
    const v: SparseVector = new Map();
    c.cells.forEach((x, j) => v.set(x, (v.get(x) ?? 0) + c.coefs[j]!));
    for (const [x, coef] of v) if (coef === 0) v.delete(x);
    if (v.size > 0 && rhs !== undefined && c.lo !== 0) v.set(rhs, -c.lo);
    if (v.size > 0 && span.add(v) !== undefined) keep.add(i);
  }
  return { kept: constraints.filter((_, i) => keep.has(i)), span };
}

/** Integrality tolerance for LP solutions. */
const INTEGRAL = 1e-6;
/** Time limit for one MIP solve, in seconds; on a limit the incumbent is used (see below). */
const MIP_SECONDS = 4;
/** Time limit for the small MIP of `Attacker.complete`, in seconds. */
const COMPLETION_SECONDS = 2;
/**
 * Rows of at most this many cells (the cells of one figure, a figure and its parts) join a
 * fractional column's neighbours in `Attacker.complete`'s first, smaller MIP.
 */
const SMALL_ROW = 4;
/** Integer points kept per component for `Attacker.complete`. */
const RECENT = 4;
/**
 * Slack when `Attacker.complete` checks a whole-number point against a row itself: far below
 * any gap between whole-number activities, and below the rows' own slack for ratio bounds.
 */
const FEASIBLE = 1e-10;
/** HiGHS rejects an infinite option value; its own default is 1e20-ish "infinite". */
const NO_LIMIT = 1e20;

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) {
      root = p;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    // Path compression: point everything on the way straight at the root.
    while (x !== root) {
      const next: number = this.parent.get(x) ?? root;
      this.parent.set(x, root);
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * `objective · x = scale · u · x + offset` wherever the published equalities (and the extra
 * equality keyed by `given`, when not empty) hold; no `u` when they fix the objective.
 */
interface Canonical {
  key?: string;
  u?: SparseVector;
  scale: number;
  offset: number;
  given: string;
}

/** The part of an objective on one component (see `Attacker.canonical`). */
interface Part {
  objective: SparseVector;
  canonical?: Canonical;
  /** The canonical forms given an extra equality (see `Attacker.canonicalGiven`). */
  given?: WeakMap<Constraint, Canonical | undefined>;
}

/** One bound on one component: exact when attained by an integer point (or unbounded). */
interface Solved {
  value: number;
  exact: boolean;
  /** The integer point attaining it (by column), when one was solved for. */
  values?: number[];
}

interface Component {
  /** Inner cell → column of this component's model. */
  column: Map<number, number>;
  constraints: Constraint[];
  model?: Model;
  /** The model's rows (CSR, as passed to HiGHS), kept for `complete`. */
  rows?: { starts: number[]; indices: number[]; values: number[]; lo: number[]; hi: number[] };
  /** Column → the rows it has a coefficient in. */
  rowsOf?: number[][];
  /** The last integer points solved for (by column), newest first (see `complete`). */
  recent: number[][];
  /** Bounds solved for canonical objectives: `key` and direction → LP and exact results. */
  bounds: Map<string, { lp: Solved; exact?: Solved }>;
}

/** Keeps an integer point among the component's recent ones (see `complete`); returns it. */
function remember(comp: Component, point: number[]): number[] {
  comp.recent.unshift(point);
  if (comp.recent.length > RECENT) comp.recent.pop();
  return point;
}

/**
 * The attacker's problem: inner cells are non-negative integers satisfying every published
 * constraint; `range` gives the exact smallest and largest value of a linear objective.
 *
 * Cells that the constraints pin down (a published single-cell figure, a published zero, a sum
 * with one unknown term left) are fixed first; the rest splits into independent components
 * that share no constraint, each one persistent HiGHS model reused (warm-started) for every
 * objective. Each bound is solved as an LP first. When the LP optimum is attained at an
 * integral point, it is the integer optimum. Otherwise an integer point attaining the LP bound
 * rounded inwards is looked for near the LP optimum (`complete`): found, it proves that bound
 * exact; not found, the component is re-solved as a MIP. Should a MIP hit its time limit, the
 * incumbent's value is used, which is attainable and so never wider than the true bound: the
 * audit can only err towards failing.
 *
 * Objectives that agree up to an affine map wherever the published equalities hold (a figure
 * and its complement in a shown total, two decompositions of one count) share one solve per
 * direction (`canonical`); the bounds are mapped back exactly.
 */
export class Attacker {
  private readonly fixed = new Map<number, number>();
  private readonly componentOf = new Map<number, Component>();
  private readonly components: Component[] = [];
  /** The span of the equalities over free cells, with right-hand sides (see `canonical`). */
  private readonly equalities?: { span: Span; rhs: number; tag: number };
  /** Per objective asked, its parts by component and their canonical forms. */
  private readonly split = new WeakMap<SparseVector, Map<Component, Part>>();
  /** Per extra equality asked, its residual against the equalities and its pivot. */
  private readonly extras = new WeakMap<
    Constraint,
    { r: SparseVector; pivot: number; key: string }
  >();

  /**
   * @param links groups of cells whose objectives will be asked together (a suppressed
   *   figure's cells), kept in one component even when no constraint joins them.
   */
  constructor(
    private readonly h: Highs,
    constraints: Constraint[],
    links: number[][],
  ) {
    const free = this.fix(constraints);
    let top = -1;
    for (const c of free) for (const x of c.cells) if (x > top) top = x;
    for (const group of links) for (const x of group) if (x > top) top = x;
    let reduced: Constraint[];
    try {
      const { kept, span } = independent(free, top + 1);
      reduced = kept;
      this.equalities = { span, rhs: top + 1, tag: top + 2 };
    } catch {
      // Right-hand sides overflowed the exact arithmetic: no shared bounds, same rows.
      reduced = independent(free).kept;
    }
    const uf = new UnionFind();
    for (const c of reduced) for (const x of c.cells) uf.union(c.cells[0]!, x);
    for (const group of links) {
      const free = group.filter((x) => !this.fixed.has(x));
      for (const x of free) uf.union(free[0]!, x);
    }
    const byRoot = new Map<number, Component>();
    const componentFor = (cell: number): Component => {
      const root = uf.find(cell);
      let comp = byRoot.get(root);
      if (!comp) {
        comp = { column: new Map(), constraints: [], bounds: new Map(), recent: [] };
        byRoot.set(root, comp);
        this.components.push(comp);
      }
      if (!comp.column.has(cell)) comp.column.set(cell, comp.column.size);
      this.componentOf.set(cell, comp);
      return comp;
    };
    for (const c of reduced) {
      let comp: Component | undefined;
      for (const x of c.cells) comp = componentFor(x);
      comp!.constraints.push(c);
    }
    for (const group of links) for (const x of group) if (!this.fixed.has(x)) componentFor(x);
  }

  /** The component of a free cell (an index), or undefined when the constraints fix it. */
  componentIndex(cell: number): number | undefined {
    const comp = this.componentOf.get(cell);
    return comp ? this.components.indexOf(comp) : undefined;
  }

  /** Number of HiGHS models built so far and of free cells, for diagnostics. */
  get size(): { components: number; models: number; freeCells: number } {
    return {
      components: this.components.length,
      models: this.components.filter((c) => c.model).length,
      freeCells: this.componentOf.size,
    };
  }

  /** Propagates equalities that pin cells down; returns the constraints on the free cells. */
  private fix(constraints: Constraint[]): Constraint[] {
    const rowsOf = new Map<number, number[]>();
    constraints.forEach((c, i) => {
      for (const x of c.cells) {
        let list = rowsOf.get(x);
        if (!list) rowsOf.set(x, (list = []));
        list.push(i);
      }
    });
    const queue = constraints.map((_, i) => i);
    const queued = new Set(queue);
    const setCell = (x: number, v: number): void => {
      if (!(v >= -INTEGRAL)) throw new Error(`published figures are inconsistent at cell ${x}`);
      this.fixed.set(x, Math.max(0, Math.round(v)));
      for (const r of rowsOf.get(x) ?? []) {
        if (!queued.has(r)) {
          queued.add(r);
          queue.push(r);
        }
      }
    };
    while (queue.length > 0) {
      const i = queue.pop()!;
      queued.delete(i);
      const c = constraints[i]!;
      if (c.lo !== c.hi) continue;
      let rest = c.lo;
      const free: number[] = [];
      let allPositive = true;
      for (let j = 0; j < c.cells.length; j++) {
        const x = c.cells[j]!;
        const v = this.fixed.get(x);
        if (v === undefined) {
          free.push(j);
          if (c.coefs[j]! <= 0) allPositive = false;
        } else rest -= c.coefs[j]! * v;
      }
      if (free.length === 1) {
        const j = free[0]!;
        setCell(c.cells[j]!, rest / c.coefs[j]!);
      } else if (free.length > 1 && allPositive && Math.abs(rest) < INTEGRAL) {
        for (const j of free) setCell(c.cells[j]!, 0);
      }
    }
    const out: Constraint[] = [];
    for (const c of constraints) {
      let shift = 0;
      const cells: number[] = [];
      const coefs: number[] = [];
      for (let j = 0; j < c.cells.length; j++) {
        const v = this.fixed.get(c.cells[j]!);
        if (v === undefined) {
          cells.push(c.cells[j]!);
          coefs.push(c.coefs[j]!);
        } else shift += c.coefs[j]! * v;
      }
      if (cells.length > 0) {
        const row: Constraint = { cells, coefs, lo: c.lo - shift, hi: c.hi - shift };
        if (c.source) row.source = c.source;
        out.push(row);
      }
    }
    return out;
  }

  private modelOf(comp: Component): Model {
    if (comp.model) return comp.model;
    const n = comp.column.size;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const c of comp.constraints) {
      const row = new Map<number, number>();
      c.cells.forEach((x, j) => {
        const col = comp.column.get(x)!;
        row.set(col, (row.get(col) ?? 0) + c.coefs[j]!);
      });
      for (const [col, v] of [...row].sort((a, b) => a[0] - b[0])) {
        if (v === 0) continue;
        indices.push(col);
        values.push(v);
      }
      starts.push(indices.length);
      rowLower.push(c.lo);
      rowUpper.push(c.hi);
    }
    const m = comp.constraints.length;
    const model = this.h.createModel({
      numCols: n,
      numRows: m,
      colCost: new Float64Array(n),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(Infinity),
      rowLower,
      rowUpper,
      matrix: { format: "csr", numRows: m, numCols: n, starts, indices, values },
    });
    // Primal simplex: each new objective starts from the last optimal basis, which stays
    // primal feasible, so re-optimizing takes a few pivots where the dual simplex restarts.
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, simplex_strategy: 4 });
    comp.model = model;
    comp.rows = { starts, indices, values, lo: rowLower, hi: rowUpper };
    return model;
  }

  /**
   * The smallest and largest value of `objective` (cell → coefficient) over every integer
   * point satisfying the published constraints and, if given, one extra equality.
   */
  range(objective: SparseVector, extra?: Constraint): [number, number] {
    return [this.bound(objective, false, extra).value, this.bound(objective, true, extra).value];
  }

  /**
   * The exact smallest (or largest) value of `objective`, and an integer point attaining it:
   * the free cells whose value there differs from `truth`, when `truth` is given.
   */
  bound(
    objective: SparseVector,
    maximize: boolean,
    extra?: Constraint,
    truth?: ArrayLike<number>,
  ): { value: number; point?: Map<number, number> } {
    return this.solveBound(objective, maximize, extra, truth, false);
  }

  /**
   * The LP relaxation's bound of an integer `objective`, rounded inwards: never tighter than
   * the exact integer bound (an outer bound), and equal to it when `exact`. The point holds
   * the components whose LP optimum was integral; the others stay at `truth`, so it is
   * feasible whenever `truth` is.
   */
  relaxedBound(
    objective: SparseVector,
    maximize: boolean,
    extra?: Constraint,
    truth?: ArrayLike<number>,
  ): { value: number; exact: boolean; point?: Map<number, number> } {
    return this.solveBound(objective, maximize, extra, truth, true);
  }

  private solveBound(
    objective: SparseVector,
    maximize: boolean,
    extra: Constraint | undefined,
    truth: ArrayLike<number> | undefined,
    lpOnly: boolean,
  ): { value: number; exact: boolean; point?: Map<number, number> } {
    let value = 0;
    let exact = true;
    for (const [x, coef] of objective) {
      const v = this.fixed.get(x);
      if (v !== undefined) value += coef * v;
    }
    const parts = this.parts(objective);
    let extraComp: Component | undefined;
    let extraRow: Constraint | undefined;
    if (extra) {
      let shift = 0;
      const cells: number[] = [];
      const coefs: number[] = [];
      extra.cells.forEach((x, j) => {
        const v = this.fixed.get(x);
        if (v === undefined) {
          cells.push(x);
          coefs.push(extra.coefs[j]!);
          const comp = this.componentOf.get(x);
          if (extraComp && comp !== extraComp) throw new Error("extra constraint spans components");
          extraComp = comp;
        } else shift += extra.coefs[j]! * v;
      });
      if (cells.length > 0) extraRow = { cells, coefs, lo: extra.lo - shift, hi: extra.hi - shift };
    }
    const solved: [Component, Solved][] = [];
    for (const [comp, part] of parts) {
      const row = comp === extraComp ? extraRow : undefined;
      const canon = row ? this.canonicalGiven(part, extra!, row) : part.canonical;
      const result = canon
        ? this.solveShared(comp, canon, maximize, lpOnly, row)
        : this.solve(comp, part.objective, maximize, row, lpOnly);
      value += result.value;
      if (!result.exact) exact = false;
      solved.push([comp, result]);
    }
    // The objective has integer coefficients: so has its value at every integer point.
    if (!exact) value = maximize ? Math.floor(value + INTEGRAL) : Math.ceil(value - INTEGRAL);
    // No point when a part is exact without one (fixed by the equalities, so never solved):
    // its cells would be taken for `truth`'s.
    const fixed = solved.some(([, r]) => r.exact && !r.values && Number.isFinite(r.value));
    if (!truth || fixed || parts.size === 0) return { value, exact };
    const point = new Map<number, number>();
    for (const [comp, result] of solved) {
      if (!result.values) continue;
      for (const [x, col] of comp.column) {
        const v = result.values[col]!;
        if (v !== truth[x]) point.set(x, v);
      }
    }
    return { value, exact, point };
  }

  /** The free part of `objective` per component, with canonical forms (memoized). */
  private parts(objective: SparseVector): Map<Component, Part> {
    let parts = this.split.get(objective);
    if (parts) return parts;
    parts = new Map();
    for (const [x, coef] of objective) {
      if (this.fixed.has(x)) continue;
      const comp = this.componentOf.get(x);
      if (!comp) throw new Error(`cell ${x} outside the audited system`);
      let part = parts.get(comp);
      if (!part) parts.set(comp, (part = { objective: new Map() }));
      part.objective.set(x, coef);
    }
    for (const part of parts.values()) part.canonical = this.canonical(part.objective);
    this.split.set(objective, parts);
    return parts;
  }

  /**
   * `v` reduced against the published equalities: `v · x = scale · u · x + offset` at every
   * point that satisfies them, with `u` normalized (integer, coprime, lowest cell positive),
   * or `v · x = offset` when the equalities fix it. Objectives with the same `u` share their
   * bounds — a figure and its complement in a published total, or the same count as the sum
   * of its cells by sex and by grade — so each is solved for once.
   */
  private canonical(v: SparseVector): Canonical | undefined {
    const eq = this.equalities;
    if (!eq) return undefined;
    const augmented: SparseVector = new Map(v);
    augmented.set(eq.tag, 1);
    try {
      // r = α·v − Σ βᵢ·(aᵢ, −bᵢ), so that r·(x, 1) = α·(v·x) where every aᵢ·x = bᵢ.
      return this.canonicalOf(eq.span.reduce(augmented), "");
    } catch {
      return undefined;
    }
  }

  /**
   * The canonical form of a part given one more equality `row` (an insider's knowledge; its
   * cells fixed ones removed, from `extra`): reduced against the published equalities and
   * `row`, keyed by both. When the published equalities imply `row`, the form is the one
   * without it.
   */
  private canonicalGiven(part: Part, extra: Constraint, row: Constraint): Canonical | undefined {
    const eq = this.equalities;
    if (!eq || row.lo !== row.hi || !row.coefs.every(Number.isInteger)) return undefined;
    let known = part.given?.get(extra);
    if (known !== undefined || part.given?.has(extra)) return known;
    try {
      let e = this.extras.get(extra);
      if (!e) {
        const v: SparseVector = new Map();
        row.cells.forEach((x, j) => v.set(x, (v.get(x) ?? 0) + row.coefs[j]!));
        for (const [x, coef] of v) if (coef === 0) v.delete(x);
        if (row.lo !== 0) v.set(eq.rhs, -row.lo);
        const r = eq.span.reduce(v);
        let pivot = -1;
        for (const c of r.keys()) if (c < eq.rhs && c > pivot) pivot = c;
        e = { r, pivot, key: pivot < 0 ? "" : vectorKey(r) };
        this.extras.set(extra, e);
      }
      const augmented: SparseVector = new Map(part.objective);
      augmented.set(eq.tag, 1);
      const r = eq.span.reduce(augmented);
      const b = r.get(e.pivot);
      if (b !== undefined) {
        // One more elimination, with the reduced row as the last row of the basis.
        const a = e.r.get(e.pivot)!;
        const g = gcd(a, b);
        for (const [c, x] of r) r.set(c, checked((a / g) * x));
        for (const [c, y] of e.r) {
          const x = checked((r.get(c) ?? 0) - checked((b / g) * y));
          if (x === 0) r.delete(c);
          else r.set(c, x);
        }
      }
      known = this.canonicalOf(normalize(r), e.key);
    } catch {
      known = undefined;
    }
    (part.given ??= new WeakMap()).set(extra, known);
    return known;
  }

  /** The canonical form from a residual `r` of `(v, 0, 1)` (cells, right-hand side, tag). */
  private canonicalOf(r: SparseVector, given: string): Canonical {
    const eq = this.equalities!;
    const alpha = r.get(eq.tag)!;
    const offset = (r.get(eq.rhs) ?? 0) / alpha;
    r.delete(eq.tag);
    r.delete(eq.rhs);
    if (r.size === 0) return { scale: 0, offset, given };
    let g = 0;
    let low = Infinity;
    for (const [c, x] of r) {
      g = gcd(g, x);
      if (c < low) low = c;
    }
    const gamma = r.get(low)! < 0 ? -g : g;
    const u: SparseVector = new Map();
    for (const [c, x] of r) u.set(c, x / gamma);
    return { key: `${given}|${vectorKey(u)}`, u, scale: gamma / alpha, offset, given };
  }

  /**
   * One bound of a part through its canonical form, given `row` when the form says so (the
   * form is keyed by it).
   */
  private solveShared(
    comp: Component,
    canon: Canonical,
    maximize: boolean,
    lpOnly: boolean,
    row?: Constraint,
  ): Solved {
    if (!canon.u) return { value: canon.offset, exact: true };
    const extra = canon.given ? row : undefined;
    const up = maximize === canon.scale > 0;
    const slot = `${up ? "+" : "-"}${canon.key}`;
    let entry = comp.bounds.get(slot);
    if (!entry) {
      entry = { lp: this.solve(comp, canon.u, up, extra, true) };
      comp.bounds.set(slot, entry);
    }
    let result = entry.lp;
    if (!result.exact && !lpOnly) result = entry.exact ??= this.solve(comp, canon.u, up, extra);
    const value = canon.scale * result.value + canon.offset;
    return {
      value: result.exact && Number.isFinite(value) ? Math.round(value) : value,
      exact: result.exact,
      ...(result.values ? { values: result.values } : {}),
    };
  }

  /** One bound on one component, with the (integral) solution when one was found. */
  private solve(
    comp: Component,
    objective: SparseVector,
    maximize: boolean,
    extra?: Constraint,
    lpOnly = false,
  ): Solved {
    const model = this.modelOf(comp);
    const n = comp.column.size;
    const { modelStatus, objectiveSense, variableType } = this.h.constants;
    const costs = new Float64Array(n);
    for (const [x, coef] of objective) costs[comp.column.get(x)!] = coef;
    model.changeColsCost({ kind: "range", from: 0, to: n - 1 }, costs);
    model.changeObjectiveSense(maximize ? objectiveSense.maximize : objectiveSense.minimize);
    const base = comp.constraints.length;
    if (extra) {
      const cols = extra.cells.map((x) => comp.column.get(x)!);
      model.addRow(extra.lo, extra.hi, { indices: cols, values: extra.coefs });
    }
    try {
      let status = model.run().modelStatus;
      if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible) {
        return { value: maximize ? Infinity : -Infinity, exact: true };
      }
      if (status !== modelStatus.optimal) throw new Error(`audit LP ended with status ${status}`);
      const values = model.getSolution().colValue;
      if (values.every((v) => Math.abs(v - Math.round(v)) < INTEGRAL)) {
        return {
          value: Math.round(model.getObjectiveValue()),
          exact: true,
          values: remember(comp, Array.from(values, Math.round)),
        };
      }
      const lp = model.getObjectiveValue();
      if (lpOnly) return { value: lp, exact: false };
      const target = maximize ? Math.floor(lp + INTEGRAL) : Math.ceil(lp - INTEGRAL);
      const completed = this.complete(comp, values, costs, maximize, target, extra);
      if (completed) return { value: target, exact: true, values: remember(comp, completed) };
      model.changeColsIntegrality(
        { kind: "range", from: 0, to: n - 1 },
        new Int32Array(n).fill(variableType.integer),
      );
      // HiGHS counts its time limit over all runs of a model since the clocks were zeroed.
      model.zeroAllClocks();
      model.options.set("time_limit", MIP_SECONDS);
      try {
        status = model.run().modelStatus;
        const feasible = model.info.get("primal_solution_status") === 2;
        if (status !== modelStatus.optimal && !(status === modelStatus.timeLimit && feasible)) {
          throw new Error(`audit MIP ended with status ${status}`);
        }
        const mip = model.getSolution().colValue;
        return {
          value: Math.round(model.getObjectiveValue()),
          exact: true,
          values: remember(comp, Array.from(mip, Math.round)),
        };
      } finally {
        model.clearIntegrality();
        model.options.set("time_limit", NO_LIMIT);
      }
    } finally {
      if (extra) model.deleteRows({ kind: "range", from: base, to: base });
    }
  }

  /**
   * What holds the LP bound of `objective` where it is: the sources of the published
   * constraints that carry a non-zero dual in an optimal LP solution (the rows of the
   * certificate `objective ≥ Σ yᵢ·bᵢ`). Withholding one of them removes that certificate; an
   * empty result means the bound rests on identities and fixed cells alone. Interval repair
   * asks this where no figure around a failing one is left to hide.
   */
  binding(
    objective: SparseVector,
    maximize: boolean,
    extra?: Constraint,
  ): NonNullable<Constraint["source"]>[] {
    const out: NonNullable<Constraint["source"]>[] = [];
    const parts = new Map<Component, SparseVector>();
    for (const [x, coef] of objective) {
      const comp = this.componentOf.get(x);
      if (!comp) continue;
      let part = parts.get(comp);
      if (!part) parts.set(comp, (part = new Map()));
      part.set(x, coef);
    }
    for (const [comp, part] of parts) {
      const model = this.modelOf(comp);
      const n = comp.column.size;
      const costs = new Float64Array(n);
      for (const [x, coef] of part) costs[comp.column.get(x)!] = coef;
      model.changeColsCost({ kind: "range", from: 0, to: n - 1 }, costs);
      const { modelStatus, objectiveSense } = this.h.constants;
      model.changeObjectiveSense(maximize ? objectiveSense.maximize : objectiveSense.minimize);
      const base = comp.constraints.length;
      const row = extra && this.restrict(extra, comp);
      if (row) {
        const cols = row.cells.map((x) => comp.column.get(x)!);
        model.addRow(row.lo, row.hi, { indices: cols, values: row.coefs });
      }
      try {
        if (model.run().modelStatus !== modelStatus.optimal) continue;
        const duals = model.getSolution().rowDual;
        for (let i = 0; i < base; i++) {
          const source = comp.constraints[i]!.source;
          if (source && Math.abs(duals[i]!) > INTEGRAL) out.push(source);
        }
      } finally {
        if (row) model.deleteRows({ kind: "range", from: base, to: base });
      }
    }
    return out;
  }

  /** `extra` over the free cells of `comp` (fixed cells moved to the bounds), if any are. */
  private restrict(extra: Constraint, comp: Component): Constraint | undefined {
    let shift = 0;
    const cells: number[] = [];
    const coefs: number[] = [];
    extra.cells.forEach((x, j) => {
      const v = this.fixed.get(x);
      if (v !== undefined) shift += extra.coefs[j]! * v;
      else if (this.componentOf.get(x) === comp) {
        cells.push(x);
        coefs.push(extra.coefs[j]!);
      }
    });
    return cells.length > 0
      ? { cells, coefs, lo: extra.lo - shift, hi: extra.hi - shift }
      : undefined;
  }

  /**
   * An integer point attaining `target` — the LP bound rounded inwards, so the exact integer
   * bound whenever such a point exists — near the fractional LP optimum `lp`. The fractional
   * columns are usually a few dozen, far from the objective (a township whose published ratios
   * admit only fractional vertices), and the LP optimum is whole everywhere else:
   *
   * 1. from a recent integer point y: the fractional columns, grown along every row through
   *    the columns where the LP optimum and y differ, take y's values, the rest keeps the LP
   *    optimum; every row then is met by one of the two (consecutive optima differ in a few
   *    pivots, so this often works);
   * 2. a small MIP over the fractional columns and their neighbours in the rows of a few cells
   *    (the cells of one figure), then in every row: the other columns keep the LP optimum
   *    and every row through a free column is kept, with the fixed part moved to its bounds.
   *
   * Every point found is checked row by row. Undefined when none reaches the target: the
   * caller then solves the MIP over the whole component.
   */
  private complete(
    comp: Component,
    lp: ArrayLike<number>,
    costs: Float64Array,
    maximize: boolean,
    target: number,
    extra?: Constraint,
  ): number[] | undefined {
    const rows = comp.rows!;
    const n = comp.column.size;
    if (!comp.rowsOf) {
      comp.rowsOf = Array.from({ length: n }, () => []);
      for (let r = 0; r + 1 < rows.starts.length; r++) {
        for (let j = rows.starts[r]!; j < rows.starts[r + 1]!; j++) {
          comp.rowsOf[rows.indices[j]!]!.push(r);
        }
      }
    }
    const rowsOf = comp.rowsOf;
    const point = Array.from(lp, (v) => Math.round(v));
    const fractional: number[] = [];
    for (let c = 0; c < n; c++) if (Math.abs(lp[c]! - point[c]!) >= INTEGRAL) fractional.push(c);
    const extraCols = extra?.cells.map((x) => comp.column.get(x)!);
    const objectiveAt = (x: ArrayLike<number>): number => {
      let value = 0;
      for (let c = 0; c < n; c++) if (costs[c] !== 0) value += costs[c]! * x[c]!;
      return value;
    };
    /** Whether `x` satisfies every row through one of `cols`, and the extra row, strictly. */
    const satisfies = (x: ArrayLike<number>, cols: Iterable<number>): boolean => {
      const checked = new Set<number>();
      for (const c of cols) {
        for (const r of rowsOf[c]!) {
          if (checked.has(r)) continue;
          checked.add(r);
          let activity = 0;
          for (let j = rows.starts[r]!; j < rows.starts[r + 1]!; j++) {
            activity += rows.values[j]! * x[rows.indices[j]!]!;
          }
          if (activity < rows.lo[r]! - FEASIBLE || activity > rows.hi[r]! + FEASIBLE) return false;
        }
      }
      if (extra) {
        let activity = 0;
        extraCols!.forEach((c, j) => (activity += extra.coefs[j]! * x[c]!));
        if (activity < extra.lo - FEASIBLE || activity > extra.hi + FEASIBLE) return false;
      }
      return true;
    };

    for (const y of comp.recent) {
      const grown = new Set<number>(fractional);
      const queue = [...fractional];
      while (queue.length > 0 && grown.size <= n / 2) {
        for (const r of rowsOf[queue.pop()!]!) {
          for (let j = rows.starts[r]!; j < rows.starts[r + 1]!; j++) {
            const c = rows.indices[j]!;
            if (!grown.has(c) && Math.abs(lp[c]! - y[c]!) >= INTEGRAL) {
              grown.add(c);
              queue.push(c);
            }
          }
        }
      }
      if (grown.size > n / 2) continue;
      const x = point.slice();
      for (const c of grown) x[c] = y[c]!;
      if (objectiveAt(x) === target && satisfies(x, grown)) return x;
    }

    for (const cells of [SMALL_ROW, Infinity]) {
      const free = new Set<number>();
      for (const c of fractional) {
        free.add(c);
        for (const r of rowsOf[c]!) {
          if (rows.starts[r + 1]! - rows.starts[r]! > cells) continue;
          for (let j = rows.starts[r]!; j < rows.starts[r + 1]!; j++) free.add(rows.indices[j]!);
        }
      }
      const x = this.subMip(comp, point, [...free], costs, maximize, extra);
      if (x && objectiveAt(x) === target && satisfies(x, free)) return x;
    }
    return undefined;
  }

  /**
   * The best integer point with the columns outside `free` kept at `point` (whole), by a MIP
   * over `free` and every row through it; undefined when there is none (or no time).
   */
  private subMip(
    comp: Component,
    point: number[],
    free: number[],
    costs: Float64Array,
    maximize: boolean,
    extra?: Constraint,
  ): number[] | undefined {
    const rows = comp.rows!;
    const local = new Map(free.map((c, k) => [c, k]));
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    const addRow = (cols: ArrayLike<number>, coefs: ArrayLike<number>, lo: number, hi: number) => {
      let fixed = 0;
      for (let j = 0; j < cols.length; j++) {
        const k = local.get(cols[j]!);
        if (k === undefined) fixed += coefs[j]! * point[cols[j]!]!;
        else {
          indices.push(k);
          values.push(coefs[j]!);
        }
      }
      if (indices.length === starts[starts.length - 1]) return;
      starts.push(indices.length);
      rowLower.push(lo - fixed);
      rowUpper.push(hi - fixed);
    };
    const seen = new Set<number>();
    for (const c of free) {
      for (const r of comp.rowsOf![c]!) {
        if (seen.has(r)) continue;
        seen.add(r);
        const from = rows.starts[r]!;
        const to = rows.starts[r + 1]!;
        addRow(rows.indices.slice(from, to), rows.values.slice(from, to), rows.lo[r]!, rows.hi[r]!);
      }
    }
    if (extra) {
      addRow(
        extra.cells.map((x) => comp.column.get(x)!),
        extra.coefs,
        extra.lo,
        extra.hi,
      );
    }
    const k = free.length;
    const m = rowLower.length;
    const { modelStatus, objectiveSense, variableType } = this.h.constants;
    const model = this.h.createModel({
      numCols: k,
      numRows: m,
      colCost: Float64Array.from(free, (c) => costs[c]!),
      colLower: new Float64Array(k),
      colUpper: new Float64Array(k).fill(Infinity),
      rowLower,
      rowUpper,
      matrix: { format: "csr", numRows: m, numCols: k, starts, indices, values },
    });
    try {
      model.options.set({
        output_flag: false,
        mip_rel_gap: 0,
        mip_abs_gap: 0,
        time_limit: COMPLETION_SECONDS,
      });
      model.changeObjectiveSense(maximize ? objectiveSense.maximize : objectiveSense.minimize);
      model.changeColsIntegrality(
        { kind: "range", from: 0, to: k - 1 },
        new Int32Array(k).fill(variableType.integer),
      );
      const status = model.run().modelStatus;
      const found = model.info.get("primal_solution_status") === 2;
      if (!(status === modelStatus.optimal || (status === modelStatus.timeLimit && found))) {
        return undefined;
      }
      const sub = model.getSolution().colValue;
      const x = point.slice();
      for (let j = 0; j < k; j++) x[free[j]!] = Math.round(sub[j]!);
      return x;
    } finally {
      model.dispose();
    }
  }

  /** Releases every HiGHS model. */
  dispose(): void {
    for (const comp of this.components) comp.model?.dispose();
  }
}
