/**
 * Builds the one CountSystem of a region and school year (disclosure spec §3) together with
 * the raw tables that `publish` pairs with the protected statuses.
 *
 * Every place's cells become inner cells. A table row at a unit is a figure whose cells are
 * the row's keys over the unit's places, so a township or region figure is the sum of its
 * schools' cells. The totals (enrolment, left-behind per definition) get one decomposition
 * per partition of that whole — 性别, 年级, 照护人, coverage … — which links every table of
 * the year: a school that did not supply a family contributes its base cells instead.
 */
import type { CountSystem, Figure, InnerCell, Ratio } from "../protect/system.ts";
import type { Hierarchy, Unit } from "./hierarchy.ts";
import { BASE_KEYS, type PlaceCounts, type Whole } from "./placeCounts.ts";
import {
  HEADLINE_TABLES,
  NOT_COLLECTED,
  type FigureRef,
  type RatioValue,
  type Table,
  type TableRow,
  type TableSpec,
} from "./tables.ts";

/** Units with an enrolment under this get no breakdown at all (P3). */
export const SMALL_UNIT = 10;

/**
 * Enrolment tables (total and by sex, grade, stage, boarding, 城乡): public knowledge, published
 * in full and never suppressed (statistics-and-disclosure.md §3).
 */
export const isPublicTable = (table: string): boolean =>
  table === "enr" || table.startsWith("enr.");

/** Decimals of every published percentage (one decimal: 20.6%). */
export const PERCENT_DECIMALS = 1;

/** Id of a figure: "lb.sex|u=2151270201|男"; a table's single total row has no category. */
export function figureId(table: string, unit: string, category: string): string {
  return category === "" ? `${table}|u=${unit}` : `${table}|u=${unit}|${category}`;
}

/** Id of the percentage shown next to a figure. */
export const ratioId = (figure: string) => `ratio:${figure}`;

export interface YearSystem {
  system: CountSystem;
  tables: Table[];
  /** Raw value of every figure, by id. */
  values: Map<string, number>;
}

/** Whether `unit` is `ancestor` or lies below it. */
function within(hierarchy: Hierarchy, unit: string, ancestor: string): boolean {
  for (let u: Unit | undefined = hierarchy.byId.get(unit); u;) {
    if (u.id === ancestor) return true;
    u = u.parent ? hierarchy.byId.get(u.parent) : undefined;
  }
  return false;
}

/** Builds the system and tables of one year from its places and table specs. */
export function buildSystem(
  name: string,
  hierarchy: Hierarchy,
  places: readonly PlaceCounts[],
  specs: readonly TableSpec[],
): YearSystem {
  const cells: InnerCell[] = [];
  const figures: Figure[] = [];
  const ratios: Ratio[] = [];
  const tables: Table[] = [];
  const values = new Map<string, number>();
  const index = new Map<PlaceCounts, Map<string, number>>();
  for (const place of places) {
    const own = new Map<string, number>();
    for (const [key, value] of place.cells) {
      if (!Number.isInteger(value) || value < 0) throw new Error(`invalid cell ${key}: ${value}`);
      own.set(key, cells.push({ value }) - 1);
    }
    index.set(place, own);
  }
  const schoolPlaces = new Map(places.filter((p) => p.isSchool).map((p) => [p.id, p]));
  const zeroCell = () => cells.push({ value: 0 }) - 1;

  /** Inner-cell indices of keys (and aliases) at a place; missing keys have no cells. */
  const resolve = (place: PlaceCounts, keys: readonly string[]): number[] =>
    keys.flatMap((key) => {
      const alias = place.aliases.get(key);
      if (alias) return resolve(place, alias);
      const i = index.get(place)!.get(key);
      return i === undefined ? [] : [i];
    });
  const sum = (list: number[]) => list.reduce((a, i) => a + cells[i]!.value, 0);

  /** One decomposition of a whole per partition family found in the places. */
  const decompositionsOf = (whole: Whole, unitPlaces: PlaceCounts[]): number[][] => {
    const families = [
      ...new Set(
        unitPlaces.flatMap((p) =>
          p.partitions.filter((q) => q.whole === whole).map((q) => q.family),
        ),
      ),
    ];
    const seen = new Set<string>();
    const out: number[][] = [];
    for (const family of families) {
      const d = unitPlaces.flatMap((p) => {
        const q = p.partitions.find((x) => x.whole === whole && x.family === family);
        return resolve(p, q ? q.keys : BASE_KEYS[whole]);
      });
      const sig = [...d].sort((a, b) => a - b).join(",");
      if (!seen.has(sig)) {
        seen.add(sig);
        out.push(d);
      }
    }
    return out;
  };

  const pendingRatios: { row: TableRow; figure: string; of: string }[] = [];
  for (const unit of hierarchy.units) {
    const schools = unit.schools.map((id) => schoolPlaces.get(id)!);
    const countyWide = places.filter((p) => !p.isSchool && within(hierarchy, p.unit, unit.id));
    const enrolment = schools.reduce((a, p) => a + p.enrolment, 0);
    const small = enrolment < SMALL_UNIT;
    const refId = (r: FigureRef) => figureId(r.table, unit.id, r.category);

    for (const spec of specs) {
      if (unit.level < (spec.minLevel ?? 0)) continue;
      const considered = spec.countyWide ? [...schools, ...countyWide] : schools;
      const collecting = considered.filter((p) => !spec.family || p.collected.has(spec.family));
      const missing = considered.filter((p) => !collecting.includes(p));
      const table: Table = {
        id: `${spec.table}|u=${unit.id}`,
        table: spec.table,
        unit: unit.id,
        title: spec.title,
        ...(spec.definition ? { definition: spec.definition } : {}),
        collected: collecting.length === 0 ? "none" : missing.length === 0 ? "all" : "partial",
        rows: [],
      };
      tables.push(table);
      if (table.collected === "none") {
        table.rows = spec.rows.map((r) => ({
          category: r.category,
          label: r.label,
          value: { kind: "notCollected" },
        }));
        continue;
      }
      const rows = [...spec.rows];
      if (table.collected === "partial" && !spec.plain && spec.whole) {
        const parent = spec.whole === "enr" ? "enr" : `lb.${spec.whole}`;
        rows.push({
          category: NOT_COLLECTED,
          label: "未采集（学校未报送此项）",
          keys: [...BASE_KEYS[spec.whole]],
          parent: { table: parent, category: "" },
        });
      }
      for (const r of rows) {
        const from = r.category === NOT_COLLECTED ? missing : collecting;
        if (spec.plain) {
          const present = from.filter((p) => r.keys.some((k) => p.plain.has(k)));
          if (present.length === 0 && !spec.zeroIfEmpty) continue;
          const value = present.reduce(
            (a, p) => a + r.keys.reduce((b, k) => b + (p.plain.get(k) ?? 0), 0),
            0,
          );
          table.rows.push({
            category: r.category,
            label: r.label,
            value: { kind: "plain", value },
          });
          continue;
        }
        let list = from.flatMap((p) => resolve(p, r.keys));
        if (list.length === 0) {
          if (!spec.zeroIfEmpty) continue; // a category the unit does not have: not applicable
          list = [zeroCell()];
        }
        const id = figureId(spec.table, unit.id, r.category);
        const decompositions = spec.totalOf
          ? [list, ...decompositionsOf(spec.totalOf, schools)]
          : [list];
        const unique = new Map(decompositions.map((d) => [[...d].sort((a, b) => a - b).join(), d]));
        const figure: Figure = {
          id,
          table: spec.table,
          decompositions: [...unique.values()],
          level: unit.level,
          ...(spec.sensitive && r.category !== NOT_COLLECTED ? { sensitive: true } : {}),
          ...(r.parent ? { parent: refId(r.parent) } : {}),
          ...(isPublicTable(spec.table) ? { public: true } : small ? { smallUnit: true } : {}),
          ...(r.total ? { total: true } : {}),
          ...(HEADLINE_TABLES.has(spec.table) || spec.headline ? { headline: true } : {}),
        };
        figures.push(figure);
        const value = sum(list);
        values.set(id, value);
        const row: TableRow = {
          category: r.category,
          label: r.label,
          value: { kind: "count", value, figure: id },
        };
        table.rows.push(row);
        if (r.ratioOf) pendingRatios.push({ row, figure: id, of: refId(r.ratioOf) });
      }
    }
  }

  for (const { row, figure, of } of pendingRatios) {
    const denominator = values.get(of);
    if (denominator === undefined) throw new Error(`unknown ratio denominator: ${of}`);
    let ratio: RatioValue = { kind: "notApplicable" };
    if (denominator > 0) {
      const id = ratioId(figure);
      ratios.push({ id, numerator: figure, denominator: of, decimals: PERCENT_DECIMALS });
      ratio = { kind: "ratio", id, numerator: values.get(figure)!, denominator };
    }
    row.ratio = ratio;
  }
  // A split that is its parent by structure is not a split: `enr.stage|小学` at a school with
  // only primary grades, `enr.urban|城镇` in a township without rural schools. Its
  // "complement" holds no cell at all — no pupil of another category exists to be singled
  // out — so P2 does not apply (it could never be protected either: there is nothing to
  // suppress). Every child category has cells wherever its group has pupils (countSchool
  // creates both the left-behind and the other cell, at zero), so "every grade-3 pupil is
  // left-behind" never looks structural: its complement is a zero cell, and stays P2.
  const byId = new Map(figures.map((f) => [f.id, f]));
  const signature = (cells: readonly number[]) => [...cells].sort((a, b) => a - b).join();
  // A figure that is a headline figure by structure (`enr.stage|小学` at a primary school is
  // the school's enrolment) costs as much to hide: hiding one hides the other.
  const headlines = new Set(
    figures.filter((f) => f.headline).flatMap((f) => f.decompositions.map(signature)),
  );
  for (const f of figures) if (headlines.has(signature(f.decompositions[0]!))) f.headline = true;
  for (const f of figures) {
    if (f.parent === undefined) continue;
    const parent = byId.get(f.parent);
    if (!parent) throw new Error(`unknown parent figure: ${f.parent} of ${f.id}`);
    const own = signature(f.decompositions[0]!);
    if (parent.decompositions.some((d) => signature(d) === own)) delete f.parent;
  }
  return { system: { name, cells, figures, ratios }, tables, values };
}
