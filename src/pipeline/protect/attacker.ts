import type { Highs, Model } from "highs";
import { Span, type SparseVector } from "./span.ts";

/** A linear constraint over inner cells: `lo ≤ Σ coefs[i] · x[cells[i]] ≤ hi`. */
export interface Constraint {
  cells: number[];
  coefs: number[];
  lo: number;
  hi: number;
}

/**
 * Drops equalities implied by the others (exact elimination, smallest rows kept first): a
 * region total is implied by its township totals when they are all published, and without it
 * the townships' cells fall apart into independent, much smaller components. The truth
 * satisfies every constraint, so an implied equality's right-hand side always agrees.
 */
function independent(constraints: Constraint[]): Constraint[] {
  const span = new Span();
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
    if (v.size > 0 && span.add(v) !== undefined) keep.add(i);
  }
  return constraints.filter((_, i) => keep.has(i));
}

/** Integrality tolerance for LP solutions. */
const INTEGRAL = 1e-6;
/** Time limit for one MIP solve, in seconds; on a limit the incumbent is used (see below). */
const MIP_SECONDS = 20;
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

interface Component {
  /** Inner cell → column of this component's model. */
  column: Map<number, number>;
  constraints: Constraint[];
  model?: Model;
}

/**
 * The attacker's problem: inner cells are non-negative integers satisfying every published
 * constraint; `range` gives the exact smallest and largest value of a linear objective.
 *
 * Cells that the constraints pin down (a published single-cell figure, a published zero, a sum
 * with one unknown term left) are fixed first; the rest splits into independent components
 * that share no constraint, each one persistent HiGHS model reused (warm-started) for every
 * objective. Each bound is solved as an LP first. When the LP optimum is attained at an
 * integral point, it is the integer optimum; otherwise the same model is re-solved as a MIP.
 * Should a MIP hit its time limit, the incumbent's value is used, which is attainable and so
 * never wider than the true bound: the audit can only err towards failing.
 */
export class Attacker {
  private readonly fixed = new Map<number, number>();
  private readonly componentOf = new Map<number, Component>();
  private readonly components: Component[] = [];

  /**
   * @param links groups of cells whose objectives will be asked together (a suppressed
   *   figure's cells), kept in one component even when no constraint joins them.
   */
  constructor(
    private readonly h: Highs,
    constraints: Constraint[],
    links: number[][],
  ) {
    const reduced = independent(this.fix(constraints));
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
        comp = { column: new Map(), constraints: [] };
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
      if (cells.length > 0) out.push({ cells, coefs, lo: c.lo - shift, hi: c.hi - shift });
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
    const parts = new Map<Component, SparseVector>();
    for (const [x, coef] of objective) {
      const v = this.fixed.get(x);
      if (v !== undefined) {
        value += coef * v;
        continue;
      }
      const comp = this.componentOf.get(x);
      if (!comp) throw new Error(`cell ${x} outside the audited system`);
      let part = parts.get(comp);
      if (!part) parts.set(comp, (part = new Map()));
      part.set(x, coef);
    }
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
    const point = truth ? new Map<number, number>() : undefined;
    for (const [comp, part] of parts) {
      const row = comp === extraComp ? extraRow : undefined;
      const result = this.solve(comp, part, maximize, row, lpOnly);
      value += result.value;
      if (!result.values && Number.isFinite(result.value)) exact = false;
      if (point && result.values) {
        for (const [x, col] of comp.column) {
          const v = result.values[col]!;
          if (v !== truth![x]) point.set(x, v);
        }
      }
    }
    // The objective has integer coefficients: so has its value at every integer point.
    if (!exact) value = maximize ? Math.floor(value + INTEGRAL) : Math.ceil(value - INTEGRAL);
    return { value, exact, point: point && [...parts.keys()].length > 0 ? point : undefined };
  }

  /** One bound on one component, with the (integral) solution when one was found. */
  private solve(
    comp: Component,
    objective: SparseVector,
    maximize: boolean,
    extra?: Constraint,
    lpOnly = false,
  ): { value: number; values?: number[] } {
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
        return { value: maximize ? Infinity : -Infinity };
      }
      if (status !== modelStatus.optimal) throw new Error(`audit LP ended with status ${status}`);
      const values = model.getSolution().colValue;
      if (values.every((v) => Math.abs(v - Math.round(v)) < INTEGRAL)) {
        return {
          value: Math.round(model.getObjectiveValue()),
          values: [...values].map(Math.round),
        };
      }
      if (lpOnly) return { value: model.getObjectiveValue() };
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
        return { value: Math.round(model.getObjectiveValue()), values: [...mip].map(Math.round) };
      } finally {
        model.clearIntegrality();
        model.options.set("time_limit", NO_LIMIT);
      }
    } finally {
      if (extra) model.deleteRows({ kind: "range", from: base, to: base });
    }
  }

  /** Releases every HiGHS model. */
  dispose(): void {
    for (const comp of this.components) comp.model?.dispose();
  }
}
