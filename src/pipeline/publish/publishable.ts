/**
 * The only kind of value that pages, charts, downloads and the search index may consume.
 *
 * `Publishable<T>` is branded: the brand is a unique symbol that only `protect/seal.ts` can
 * attach, and ESLint forbids importing `seal` from anywhere but `protect/`. So a raw count
 * table from `measure/` cannot reach a page without a type error.
 */
declare const publishableBrand: unique symbol;

export type Publishable<T> = T & { readonly [publishableBrand]: "Publishable" };

/** How a count may be shown. Suppressed, true zero and not collected are different things. */
export type PublishedValue =
  | { kind: "count"; status: "published"; value: number }
  | { kind: "count"; status: "zero" }
  | {
      kind: "count";
      status: "suppressed";
      /** What anyone can prove from everything published; shown as "0–7", never as blank. */
      interval: [number, number];
    }
  /** A number that is not a count of children (activities, 元): shown as it is. */
  | { kind: "plain"; value: number }
  /** The schools did not supply this column. */
  | { kind: "notCollected" };

/** How a percentage may be shown. */
export type PublishedRatio =
  | { status: "published"; percent: number }
  | { status: "band"; atLeast?: number; atMost?: number }
  | { status: "suppressed" }
  /** The denominator is zero. */
  | { status: "notApplicable" };

export interface PublishedRow {
  category: string;
  label: string;
  value: PublishedValue;
  ratio?: PublishedRatio;
}

export interface PublishedTable {
  id: string;
  table: string;
  unit: string;
  unitName: string;
  title: string;
  definition?: string;
  collected: "all" | "partial" | "none";
  rows: PublishedRow[];
}

/** A year-on-year change, computed only from two published values. */
export interface PublishedChange {
  unit: string;
  table: string;
  category: string;
  previousYear: string;
  previous: number;
  current: number;
  /** Change of the percentage in percentage points, when both percentages are published. */
  points?: number;
}

/** The disclosure report for the methodology page. */
export interface DisclosureReport {
  k: number;
  kSensitive: number;
  figures: number;
  published: number;
  zeros: number;
  suppressed: { P1: number; P2: number; P3: number; secondary: number };
  ratios: { published: number; band: number; suppressed: number };
  /** Per table family: suppressed figures and the narrowest interval width among them. */
  tables: { table: string; suppressed: number; narrowestInterval: number | null }[];
  /**
   * What is lost, per table family and level (0 = school … 3 = region): figures published
   * (zeros included), hidden as primary, hidden as secondary, and headline figures hidden.
   */
  loss: LossRow[];
  /** Headline figures hidden as secondary (to protect another figure), by id. */
  headlineSecondary: string[];
}

export interface LossRow {
  table: string;
  level: number;
  figures: number;
  published: number;
  primary: number;
  secondary: number;
  headlineHidden: number;
}

/** A unit of the hierarchy (school names and places are public). */
export interface PublishedUnit {
  /** "region", "c:<区县>", "t:<区县>/<乡镇>" or the 学校标识码. */
  id: string;
  name: string;
  /** 0 = school, 1 = 乡镇, 2 = 区县, 3 = the whole region. */
  level: number;
  parent?: string;
  children: string[];
}

export interface PublishedYear {
  year: string;
  region: string;
  /** Every unit, the region first, each before the units below it. */
  units: PublishedUnit[];
  tables: PublishedTable[];
  changes: PublishedChange[];
  disclosure: DisclosureReport;
}

/** Shows a value as the site and the downloads do: "12", "0", "0–7", "未采集". */
export function formatValue(v: PublishedValue): string {
  switch (v.kind) {
    case "plain":
      return String(v.value);
    case "notCollected":
      return "未采集";
    case "count":
      if (v.status === "published") return String(v.value);
      if (v.status === "zero") return "0";
      return Number.isFinite(v.interval[1])
        ? `${v.interval[0]}–${v.interval[1]}`
        : `≥${v.interval[0]}`;
  }
}

/** Version of the published file formats; bumped on any incompatible change. */
export const FORMAT_VERSION = 2;

/** What `system.json` holds for one figure: its relations and what is published of it. */
export interface PublishedFigure {
  id: string;
  table: string;
  /** Each decomposition lists indices of unnamed inner cells whose sum is this figure. */
  decompositions: number[][];
  sensitive?: boolean;
  /** Public knowledge (enrolment): never suppressed, never small-count checked. */
  public?: boolean;
  parent?: string;
  status: "published" | "zero" | "suppressed";
  value?: number;
  interval?: [number, number];
}

export interface PublishedSystem {
  format: number;
  name: string;
  year: string;
  k: number;
  kSensitive: number;
  /** Number of inner cells (their values are never published). */
  cells: number;
  figures: PublishedFigure[];
  ratios: {
    id: string;
    numerator: string;
    denominator: string;
    decimals: number;
    status: "published" | "band" | "suppressed";
    percent?: number;
    atLeast?: number;
    atMost?: number;
  }[];
}
