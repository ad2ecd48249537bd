import { suppressFirst } from "./cost.ts";
import { figureValue } from "./primary.ts";
import { Span, vectorKey, type SparseVector } from "./span.ts";
import type { CountSystem, Figure, PrimaryRule } from "./system.ts";

function vectorOf(cells: number[]): SparseVector {
  const v: SparseVector = new Map();
  for (const c of cells) v.set(c, (v.get(c) ?? 0) + 1);
  return v;
}

/**
 * What every reader knows whatever is suppressed: that all decompositions of a figure are
 * equal, that every cell of a published zero (zeros are never suppressed) is zero, and the
 * public figures (enrolment), which are never suppressed.
 */
export function structuralSpan(
  system: CountSystem,
  primaryRules: ReadonlyMap<string, PrimaryRule[]>,
): Span {
  const span = new Span();
  for (const f of system.figures) {
    const [first, ...rest] = f.decompositions;
    for (const cells of rest) {
      const v = vectorOf(cells);
      for (const c of first!) v.set(c, (v.get(c) ?? 0) - 1);
      for (const [c, x] of v) if (x === 0) v.delete(c);
      if (v.size > 0) span.add(v);
    }
    if (figureValue(system, f) === 0 && !primaryRules.has(f.id)) {
      for (const cells of f.decompositions) for (const c of cells) span.add(new Map([[c, 1]]));
    } else if (f.public) {
      span.add(vectorOf(first!));
    }
  }
  return span;
}

/**
 * The primary figures no suppression can protect: the figure itself, or for P2 its
 * complement within the parent, is determined by `structuralSpan` alone (a "split" whose
 * parent has no other cells, or whose other cells are all published zeros); with `insider`,
 * by that span and the insider's figure (an insider who knows the complement itself).
 */
export function unprotectable(
  system: CountSystem,
  primaryRules: ReadonlyMap<string, PrimaryRule[]>,
  structural: Span = structuralSpan(system, primaryRules),
): (id: string, insider?: string) => boolean {
  const span = structural;
  const byId = new Map(system.figures.map((f) => [f.id, f]));
  const memo = new Map<string, boolean>();
  const residual = (cells: number[], minus?: number[]): SparseVector => {
    const v = vectorOf(cells);
    for (const c of minus ?? []) v.set(c, (v.get(c) ?? 0) - 1);
    for (const [c, x] of v) if (x === 0) v.delete(c);
    return span.reduce(v);
  };
  return (id, insider) => {
    const key = insider === undefined ? id : `${id}|${insider}`;
    let known = memo.get(key);
    if (known !== undefined) return known;
    const f = byId.get(id);
    const rules = primaryRules.get(id);
    const g = insider === undefined ? undefined : byId.get(insider);
    const extra = g && vectorKey(residual(g.decompositions[0]!));
    const determined = (r: SparseVector): boolean =>
      r.size === 0 || (extra !== undefined && vectorKey(r) === extra);
    known = false;
    if (f && rules) {
      known = determined(residual(f.decompositions[0]!));
      const parent = f.parent === undefined ? undefined : byId.get(f.parent);
      // The complement's reach is not checked for an insider who is in the complement (the
      // audit holds them to the figure's own interval), so only an outsider's P2 can be hopeless.
      if (!known && rules.includes("P2") && parent && insider === undefined) {
        known = determined(residual(parent.decompositions[0]!, f.decompositions[0]!));
      }
    }
    memo.set(key, known);
    return known;
  };
}

/**
 * Secondary suppression in the manner of Statistics Norway's GaussSuppression, over the whole
 * system at once. Every figure is a vector over inner cells (its first decomposition); the
 * attacker also knows that all decompositions of a figure are equal and that every cell of a
 * published zero is zero. Figures that may be published are taken in the reverse of the cost
 * order (see `suppressFirst`): a figure is published unless that would put some protected
 * figure — a primary, or an earlier secondary — in the span of what is known, in which case it
 * is suppressed and protected from then on. So a cell is suppressed only when it is needed,
 * and the cells suppressed are the cheapest ones. Zeros are never chosen.
 *
 * Determinacy is tested exactly: each protected figure's residual against the span is kept,
 * and a new published vector determines a protected one iff their residuals are parallel.
 *
 * @param forced figures that interval repair already decided to suppress: protected like the
 *   primaries, so that whatever would determine them is suppressed too.
 * @param structural `structuralSpan(system, primaryRules)`, when the caller keeps it across
 *   calls (it is copied, not changed).
 * @param keepFirst figures to try to publish before every other candidate: secondaries that
 *   the audit found determined anyway (hiding them protects nothing).
 * @returns the ids of the figures to suppress in addition to the primary ones (including the
 *   forced ones).
 */
export function secondary(
  system: CountSystem,
  primaryRules: ReadonlyMap<string, PrimaryRule[]>,
  forced: ReadonlySet<string> = new Set(),
  structural?: Span,
  keepFirst: ReadonlySet<string> = new Set(),
): Set<string> {
  const values = new Map(system.figures.map((f) => [f.id, figureValue(system, f)]));
  const valueOf = (f: Figure): number => values.get(f.id)!;
  // The structural span is the same every round of repair: a copy of it is extended here.
  const span = structural ? structural.clone() : structuralSpan(system, primaryRules);

  const residual = new Map<string, SparseVector>();
  const keyOf = new Map<string, string>();
  const byKey = new Map<string, Set<string>>();
  const byColumn = new Map<number, Set<string>>();
  const track = (id: string, r: SparseVector): void => {
    residual.set(id, r);
    const key = vectorKey(r);
    keyOf.set(id, key);
    let ids = byKey.get(key);
    if (!ids) byKey.set(key, (ids = new Set()));
    ids.add(id);
    for (const c of r.keys()) {
      let cols = byColumn.get(c);
      if (!cols) byColumn.set(c, (cols = new Set()));
      cols.add(id);
    }
  };
  const untrack = (id: string): void => {
    const r = residual.get(id)!;
    byKey.get(keyOf.get(id)!)!.delete(id);
    for (const c of r.keys()) byColumn.get(c)!.delete(id);
  };

  for (const f of system.figures) {
    if (!primaryRules.has(f.id) && !forced.has(f.id)) continue;
    const r = span.reduce(vectorOf(f.decompositions[0]!));
    // A primary already determined by the identities alone cannot be helped; the audit says so.
    if (r.size > 0) track(f.id, r);
  }

  const candidates = system.figures
    .filter((f) => !f.public && !primaryRules.has(f.id) && !forced.has(f.id) && valueOf(f) > 0)
    .sort(
      (a, b) =>
        Number(keepFirst.has(b.id)) - Number(keepFirst.has(a.id)) || suppressFirst(b, a, valueOf),
    );
  const chosen = new Set<string>(forced);
  for (const f of candidates) {
    const r = span.reduce(vectorOf(f.decompositions[0]!));
    if (r.size === 0) continue;
    if ((byKey.get(vectorKey(r))?.size ?? 0) > 0) {
      chosen.add(f.id);
      track(f.id, r);
      continue;
    }
    const p = span.addReduced(r);
    for (const id of [...(byColumn.get(p) ?? [])]) {
      const old = residual.get(id)!;
      untrack(id);
      const next = span.reduceBy(new Map(old), p);
      if (next.size === 0) throw new Error(`protected figure became determined: ${id}`);
      track(id, next);
    }
  }
  return chosen;
}
