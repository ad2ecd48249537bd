import type { CountSystem } from "./system.ts";

/** One decomposition of one figure, seen as a sum that other figures are parts of. */
export interface Sum {
  /** The figure that is the total of this sum. */
  figure: string;
  cells: Set<number>;
  /** The figures whose cells (in some decomposition) lie strictly inside this sum. */
  parts: { figure: string; cells: number[] }[];
}

function isSubset(a: Iterable<number>, b: Set<number>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Which figures share a sum: an index from every decomposition to the figures inside it.
 * Used by the audit's insider check (A4) and by interval repair, which both look at the sums
 * a figure is a term of.
 */
export class Sums {
  private readonly all: Sum[] = [];
  /** figure id → the sums that strictly contain one of its decompositions, smallest first. */
  private readonly containing = new Map<string, { sum: Sum; cells: number[] }[]>();

  constructor(system: CountSystem) {
    const byCell = new Map<number, Sum[]>();
    for (const f of system.figures) {
      for (const cells of f.decompositions) {
        const sum: Sum = { figure: f.id, cells: new Set(cells), parts: [] };
        this.all.push(sum);
        for (const c of cells) {
          let list = byCell.get(c);
          if (!list) byCell.set(c, (list = []));
          list.push(sum);
        }
      }
    }
    for (const f of system.figures) {
      const found: { sum: Sum; cells: number[] }[] = [];
      const seen = new Set<Sum>();
      for (const cells of f.decompositions) {
        const first = cells[0];
        if (first === undefined) continue;
        for (const sum of byCell.get(first) ?? []) {
          if (sum.figure === f.id || seen.has(sum) || sum.cells.size <= cells.length) continue;
          if (!isSubset(cells, sum.cells)) continue;
          seen.add(sum);
          found.push({ sum, cells });
          sum.parts.push({ figure: f.id, cells });
        }
      }
      found.sort((a, b) => a.sum.cells.size - b.sum.cells.size);
      this.containing.set(f.id, found);
    }
  }

  /** The sums that strictly contain the figure, smallest first. */
  around(id: string): { sum: Sum; cells: number[] }[] {
    return this.containing.get(id) ?? [];
  }

  /**
   * The smallest sums around the figure: those containing no other sum around it (the row
   * and the column a cell of a two-way table is a term of).
   */
  minimal(id: string): { sum: Sum; cells: number[] }[] {
    const around = this.around(id);
    return around.filter(
      ({ sum }) =>
        !around.some(
          (other) =>
            other.sum !== sum &&
            other.sum.cells.size < sum.cells.size &&
            isSubset(other.sum.cells, sum.cells),
        ),
    );
  }

  /**
   * The other figures that are terms of one of the figure's smallest sums, disjoint from it:
   * what an insider who knows this figure can combine it with.
   */
  siblings(id: string): Set<string> {
    const out = new Set<string>();
    for (const { sum, cells } of this.minimal(id)) {
      const mine = new Set(cells);
      for (const part of sum.parts) {
        if (part.figure === id) continue;
        if (part.cells.some((c) => mine.has(c))) continue;
        out.add(part.figure);
      }
    }
    return out;
  }
}
