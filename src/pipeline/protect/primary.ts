import type { CountSystem, Figure, PrimaryRule, Thresholds } from "./system.ts";

/** The threshold that applies to a figure: `kSensitive` for sensitive groups, else `k`. */
export function threshold(figure: Figure, t: Thresholds): number {
  return figure.sensitive ? t.kSensitive : t.k;
}

/** The value of a figure: the sum of its first decomposition's inner cells. */
export function figureValue(system: CountSystem, figure: Figure): number {
  const cells = figure.decompositions[0];
  if (!cells) throw new Error(`figure without decomposition: ${figure.id}`);
  let sum = 0;
  for (const c of cells) {
    const cell = system.cells[c];
    if (!cell) throw new Error(`unknown cell ${c} in figure ${figure.id}`);
    sum += cell.value;
  }
  return sum;
}

/** For every cell, the decompositions of zero figures that contain it. */
function zeroSums(system: CountSystem): Map<number, { figure: Figure; cells: Set<number> }[]> {
  const out = new Map<number, { figure: Figure; cells: Set<number> }[]>();
  for (const figure of system.figures) {
    if (figureValue(system, figure) !== 0) continue;
    for (const d of figure.decompositions) {
      const sum = { figure, cells: new Set(d) };
      for (const c of d) {
        let list = out.get(c);
        if (!list) out.set(c, (list = []));
        list.push(sum);
      }
    }
  }
  return out;
}

/**
 * Whether a zero figure lies inside a decomposition of another zero figure that is shown as
 * zero: one that is no breakdown of a small unit, or is itself implied in the same way. (A
 * small region's zero is hidden with its small schools' zeros, not shown beside them.)
 */
function impliedZero(
  figure: Figure,
  zeros: Map<number, { figure: Figure; cells: Set<number> }[]>,
  memo: Map<Figure, boolean> = new Map(),
): boolean {
  const known = memo.get(figure);
  if (known !== undefined) return known;
  memo.set(figure, false); // while deciding: figures with the same cells do not prove each other
  const cells = figure.decompositions[0]!;
  const first = cells[0];
  const implied =
    first === undefined ||
    (zeros.get(first) ?? []).some(
      (sum) =>
        sum.figure !== figure &&
        cells.every((c) => sum.cells.has(c)) &&
        (!sum.figure.smallUnit || impliedZero(sum.figure, zeros, memo)),
    );
  memo.set(figure, implied);
  return implied;
}

/**
 * Primary suppression (statistics-and-disclosure.md §3): for every primary figure, the rules
 * that make it primary, in the order P1, P2, P3.
 *
 * Zeros: a zero is never P1 or P2. Its complement within the group is the group itself, so
 * "none of these pupils is left-behind" discloses only what the group total discloses, and a
 * group total from 1 to k − 1 is P1 in its own right. One exception: a zero that is exactly
 * part of the complement of a P2 sibling (same parent, cells inside the parent and outside the
 * sibling: "not left-behind in grade 3: 0") says the same as the sibling and is P2 with it,
 * unless a zero figure around it (the township's "no pupil boards") already says it is zero.
 * A zero that is P3 (a breakdown of a small unit) is primary like any other P3 figure — a
 * small unit's breakdown is never shown — unless a zero figure around it (the unit's zero
 * total) already says it is zero: hiding what every reader can deduce protects nothing, and
 * the audit could never pass.
 */
export function primary(system: CountSystem, t: Thresholds): Map<string, PrimaryRule[]> {
  if (!(t.k >= 1) || !(t.kSensitive >= 1)) throw new Error(`invalid threshold: ${t.k}`);
  const byId = new Map(system.figures.map((f) => [f.id, f]));
  const result = new Map<string, PrimaryRule[]>();
  const zeros = zeroSums(system);
  const implied = new Map<Figure, boolean>();
  for (const figure of system.figures) {
    // Public knowledge (enrolment) is never primary: hiding it protects nothing.
    if (figure.public) continue;
    const value = figureValue(system, figure);
    const k = threshold(figure, t);
    const rules: PrimaryRule[] = [];
    if (value >= 1 && value <= k - 1) rules.push("P1");
    if (value >= 1 && figure.parent !== undefined) {
      const parent = byId.get(figure.parent);
      if (!parent) throw new Error(`unknown parent ${figure.parent} of ${figure.id}`);
      const complement = figureValue(system, parent) - value;
      if (complement >= 0 && complement <= k - 1) rules.push("P2");
    }
    if (figure.smallUnit && (value > 0 || !impliedZero(figure, zeros, implied))) {
      rules.push("P3");
    }
    if (rules.length > 0) result.set(figure.id, rules);
  }
  for (const zero of system.figures) {
    if (zero.parent === undefined || figureValue(system, zero) !== 0) continue;
    const cells = zero.decompositions[0]!;
    if (cells.length === 0 || impliedZero(zero, zeros, implied)) continue;
    // The parent's decomposition that holds this zero (enrolment is the sum of its
    // by-boarding cells as well as of its by-definition cells).
    const holding = byId
      .get(zero.parent)!
      .decompositions.map((d) => new Set(d))
      .filter((d) => cells.every((c) => d.has(c)));
    if (holding.length === 0) continue;
    const complementOfP2 = system.figures.some((f) => {
      if (f.parent !== zero.parent || !result.get(f.id)?.includes("P2")) return false;
      const sibling = f.decompositions[0]!;
      return (
        cells.every((c) => !sibling.includes(c)) &&
        holding.some((d) => sibling.every((c) => d.has(c)))
      );
    });
    if (complementOfP2) result.set(zero.id, [...(result.get(zero.id) ?? []), "P2"]);
  }
  return result;
}
