import type { CountSystem, Figure, Ratio } from "../../src/pipeline/protect/system.ts";

type Options = Omit<Partial<Figure>, "id" | "decompositions">;

/** Builds a CountSystem by hand: inner cells, figures over them, ratios. */
export class SystemBuilder {
  readonly cells: { value: number }[] = [];
  readonly figures: Figure[] = [];
  readonly ratios: Ratio[] = [];
  private readonly byId = new Map<string, Figure>();

  /** An inner cell that is no figure of its own (a complement such as not-left-behind). */
  innerCell(value: number): number {
    this.cells.push({ value });
    return this.cells.length - 1;
  }

  /** A figure that is one new inner cell. */
  cell(id: string, value: number, options: Options = {}): string {
    this.cells.push({ value });
    return this.add(id, [[this.cells.length - 1]], options);
  }

  /** A figure that is the sum of other figures, once per list of parts given. */
  sum(id: string, partLists: (string | number)[][], options: Options = {}): string {
    const decompositions = partLists.map((parts) =>
      parts.flatMap((p) => {
        if (typeof p === "number") return [p];
        const f = this.byId.get(p);
        if (!f) throw new Error(`unknown part ${p}`);
        return f.decompositions[0]!;
      }),
    );
    return this.add(id, decompositions, { total: true, ...options });
  }

  /** Adds another decomposition to an existing figure (the same count in another table). */
  alsoSum(id: string, parts: string[]): void {
    const f = this.byId.get(id)!;
    f.decompositions.push(parts.flatMap((p) => this.byId.get(p)!.decompositions[0]!));
  }

  ratio(id: string, numerator: string, denominator: string, decimals = 1): void {
    this.ratios.push({ id, numerator, denominator, decimals });
  }

  private add(id: string, decompositions: number[][], options: Options): string {
    const figure: Figure = { id, table: "t", level: 0, ...options, decompositions };
    this.figures.push(figure);
    this.byId.set(id, figure);
    return id;
  }

  build(name = "test"): CountSystem {
    return { name, cells: this.cells, figures: this.figures, ratios: this.ratios };
  }
}
