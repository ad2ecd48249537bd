/**
 * Turns measured tables and their protected systems into what may be published: every count
 * replaced by its status (published, true zero, suppressed with its audited interval), every
 * percentage by its rounded value, band or nothing, year-on-year changes only between two
 * published values, and the disclosure report. The result is sealed as `Publishable`.
 */
import type { Measured, MeasuredYear } from "../measure/measure.ts";
import type { RatioValue, Value } from "../measure/tables.ts";
import type {
  DisclosureReport,
  LossRow,
  Publishable,
  PublishedChange,
  PublishedFigure,
  PublishedRatio,
  PublishedSystem,
  PublishedValue,
  PublishedYear,
} from "../publish/publishable.ts";
import { FORMAT_VERSION } from "../publish/publishable.ts";
import { seal } from "./seal.ts";
import type {
  CountSystem,
  FigureStatus,
  ProtectedSystem,
  RatioStatus,
  Thresholds,
} from "./system.ts";

function publishedValue(v: Value, statuses: ReadonlyMap<string, FigureStatus>): PublishedValue {
  if (v.kind === "plain") return { kind: "plain", value: v.value };
  if (v.kind === "notCollected") return { kind: "notCollected" };
  const s = statuses.get(v.figure);
  if (!s) throw new Error(`figure without a protected status: ${v.figure}`);
  if (s.status === "published") return { kind: "count", status: "published", value: s.value };
  if (s.status === "zero") return { kind: "count", status: "zero" };
  return { kind: "count", status: "suppressed", interval: s.interval };
}

function publishedRatio(r: RatioValue, statuses: ReadonlyMap<string, RatioStatus>): PublishedRatio {
  if (r.kind === "notApplicable") return { status: "notApplicable" };
  const s = statuses.get(r.id);
  if (!s) throw new Error(`ratio without a protected status: ${r.id}`);
  return s;
}

/** The sum relations and published values of one system, for the public audit. */
export function publishedSystemOf(
  system: CountSystem,
  prot: ProtectedSystem,
  year: string,
  t: Thresholds,
): PublishedSystem {
  if (!prot.audit.passed) throw new Error(`refusing to publish ${prot.name}: the audit failed`);
  const figures: PublishedFigure[] = system.figures.map((f) => {
    const s = prot.figures.get(f.id);
    if (!s) throw new Error(`figure without a protected status: ${f.id}`);
    const base = {
      id: f.id,
      table: f.table,
      decompositions: f.decompositions,
      ...(f.sensitive ? { sensitive: true } : {}),
      ...(f.public ? { public: true } : {}),
      ...(f.parent ? { parent: f.parent } : {}),
    };
    if (s.status === "published") return { ...base, status: "published", value: s.value };
    if (s.status === "zero") return { ...base, status: "zero" };
    return { ...base, status: "suppressed", interval: s.interval };
  });
  return {
    format: FORMAT_VERSION,
    name: system.name,
    year,
    k: t.k,
    kSensitive: t.kSensitive,
    cells: system.cells.length,
    figures,
    ratios: system.ratios.map((r) => {
      const s = prot.ratios.get(r.id);
      if (!s) throw new Error(`ratio without a protected status: ${r.id}`);
      return {
        id: r.id,
        numerator: r.numerator,
        denominator: r.denominator,
        decimals: r.decimals,
        ...s,
      };
    }),
  };
}

/** The published systems of every year, sealed. */
export function publishSystems(
  measured: Measured,
  protectedSystems: readonly ProtectedSystem[],
  t: Thresholds,
): Publishable<PublishedSystem[]> {
  return seal(
    measured.years.map((year, i) =>
      publishedSystemOf(year.system, protectedSystems[i]!, year.year, t),
    ),
  );
}

/** The disclosure report of one protected system. */
export function disclosureReport(
  system: CountSystem,
  protectedSystem: ProtectedSystem,
  t: Thresholds,
): DisclosureReport {
  const report: DisclosureReport = {
    k: t.k,
    kSensitive: t.kSensitive,
    figures: system.figures.length,
    published: 0,
    zeros: 0,
    suppressed: { P1: 0, P2: 0, P3: 0, secondary: 0 },
    ratios: { published: 0, band: 0, suppressed: 0 },
    tables: [],
    loss: [],
    headlineSecondary: [],
  };
  const loss = new Map<string, LossRow>();
  const byTable = new Map<string, { suppressed: number; narrowest: number | null }>();
  for (const f of system.figures) {
    const s = protectedSystem.figures.get(f.id);
    if (!s) throw new Error(`figure without a protected status: ${f.id}`);
    const entry = byTable.get(f.table) ?? { suppressed: 0, narrowest: null };
    byTable.set(f.table, entry);
    const key = `${f.table}|${f.level}`;
    const row: LossRow = loss.get(key) ?? {
      table: f.table,
      level: f.level,
      figures: 0,
      published: 0,
      primary: 0,
      secondary: 0,
      headlineHidden: 0,
    };
    loss.set(key, row);
    row.figures++;
    if (s.status !== "suppressed") row.published++;
    else {
      if (s.reason === "secondary") row.secondary++;
      else row.primary++;
      if (f.headline) row.headlineHidden++;
      if (f.headline && s.reason === "secondary") report.headlineSecondary.push(f.id);
    }
    if (s.status === "published") report.published++;
    else if (s.status === "zero") report.zeros++;
    else {
      report.suppressed[s.reason]++;
      entry.suppressed++;
      const width = s.interval[1] - s.interval[0];
      entry.narrowest = entry.narrowest === null ? width : Math.min(entry.narrowest, width);
    }
  }
  for (const r of protectedSystem.ratios.values()) report.ratios[r.status]++;
  report.loss = [...loss.values()].sort((a, b) =>
    a.table < b.table ? -1 : a.table > b.table ? 1 : b.level - a.level,
  );
  report.tables = [...byTable]
    .filter(([, e]) => e.suppressed > 0)
    .map(([table, e]) => ({ table, suppressed: e.suppressed, narrowestInterval: e.narrowest }))
    .sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return report;
}

function publishYear(
  year: MeasuredYear,
  protectedSystem: ProtectedSystem,
  changes: PublishedChange[],
  t: Thresholds,
): PublishedYear {
  if (!protectedSystem.audit.passed) {
    throw new Error(`refusing to publish ${protectedSystem.name}: the audit failed`);
  }
  const unitName = (id: string) => year.hierarchy.byId.get(id)?.name ?? id;
  return {
    year: year.year,
    region: unitName("region"),
    units: year.hierarchy.units.map((u) => ({
      id: u.id,
      name: u.name,
      level: u.level,
      ...(u.parent ? { parent: u.parent } : {}),
      children: [...u.children],
    })),
    tables: year.tables.map((table) => ({
      id: table.id,
      table: table.table,
      unit: table.unit,
      unitName: unitName(table.unit),
      title: table.title,
      ...(table.definition ? { definition: table.definition } : {}),
      collected: table.collected,
      rows: table.rows.map((row) => ({
        category: row.category,
        label: row.label,
        value: publishedValue(row.value, protectedSystem.figures),
        ...(row.ratio ? { ratio: publishedRatio(row.ratio, protectedSystem.ratios) } : {}),
      })),
    })),
    changes,
    disclosure: disclosureReport(year.system, protectedSystem, t),
  };
}

/**
 * Publishes every year. `protectedSystems[i]` protects `measured.years[i]`; a year whose audit
 * failed is an internal error (the build stops before this).
 */
export function publishYears(
  measured: Measured,
  protectedSystems: readonly ProtectedSystem[],
  t: Thresholds,
): Publishable<PublishedYear[]> {
  if (protectedSystems.length !== measured.years.length)
    throw new Error("one protected system per year");
  const byYear = new Map(measured.years.map((y, i) => [y.year, protectedSystems[i]!]));
  const changes = new Map<string, PublishedChange[]>();
  for (const pair of measured.yoy) {
    const now = byYear.get(pair.current.year)?.figures.get(pair.current.figure);
    const then = byYear.get(pair.previous.year)?.figures.get(pair.previous.figure);
    const value = (s: FigureStatus | undefined) =>
      s?.status === "published" ? s.value : s?.status === "zero" ? 0 : null;
    const current = value(now);
    const previous = value(then);
    // A change is shown only between two published values: it must not reveal a suppressed one.
    if (current === null || previous === null) continue;
    const change: PublishedChange = {
      unit: pair.unit,
      table: pair.table,
      category: pair.category,
      previousYear: pair.previous.year,
      previous,
      current,
    };
    const ratioNow = pair.current.ratio
      ? byYear.get(pair.current.year)?.ratios.get(pair.current.ratio)
      : undefined;
    const ratioThen = pair.previous.ratio
      ? byYear.get(pair.previous.year)?.ratios.get(pair.previous.ratio)
      : undefined;
    if (ratioNow?.status === "published" && ratioThen?.status === "published") {
      change.points = Math.round((ratioNow.percent - ratioThen.percent) * 10) / 10;
    }
    const list = changes.get(pair.current.year) ?? [];
    list.push(change);
    changes.set(pair.current.year, list);
  }
  return seal(
    measured.years.map((y, i) =>
      publishYear(y, protectedSystems[i]!, changes.get(y.year) ?? [], t),
    ),
  );
}
