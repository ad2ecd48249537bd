/**
 * What the pages are built from: the site's settings and the published (protected) years.
 * `build` hands them over in memory before it runs Astro; the pages never read the input
 * data, and what they get is `Publishable` — sealed by `protect`, nothing else type-checks.
 */
import type { GalleryYear } from "../pipeline/gallery/gallery.ts";
import type { SiteConfig } from "../pipeline/validate/siteConfig.ts";
import type {
  Publishable,
  PublishedTable,
  PublishedUnit,
  PublishedYear,
} from "../pipeline/publish/publishable.ts";

export interface SiteData {
  config: SiteConfig;
  /** Oldest first. */
  years: Publishable<PublishedYear[]>;
  /** Activities per year: redacted text, consented photos only. Oldest first. */
  galleries: GalleryYear[];
  /** The pages' 发布日期, YYYY-MM-DD (`publishDate.ts`). */
  publishDate: string;
}

const KEY = Symbol.for("lsrt.siteData");
type Holder = { [KEY]?: SiteData };

/** Called by `build` before Astro renders the pages (same process). */
export function provideSiteData(data: SiteData): void {
  (globalThis as Holder)[KEY] = data;
}

/** The data of the site being built; pages call this in their frontmatter. */
export function siteData(): SiteData {
  const data = (globalThis as Holder)[KEY];
  if (!data) {
    throw new Error("页面只能由 npm run build 生成：没有经过统计与小数保护的数据。");
  }
  return data;
}

/** One year's tables, indexed for pages. */
export class YearView {
  readonly byId: Map<string, PublishedTable>;
  readonly units: Map<string, PublishedUnit>;
  constructor(readonly year: PublishedYear) {
    this.byId = new Map(year.tables.map((t) => [t.id, t]));
    this.units = new Map(year.units.map((u) => [u.id, u]));
  }
  table(table: string, unit: string): PublishedTable | undefined {
    return this.byId.get(`${table}|u=${unit}`);
  }
  row(table: string, unit: string, category = "") {
    return this.table(table, unit)?.rows.find((r) => r.category === category);
  }
  /** The unit and the units under it that have their own page (townships, schools). */
  children(unit: string): PublishedUnit[] {
    return (this.units.get(unit)?.children ?? []).map((id) => this.units.get(id)!);
  }
  get region(): PublishedUnit {
    return this.year.units[0]!;
  }
}

/** Path-safe, stable page name of a unit: the 学校标识码, or a short code for a place. */
export function unitSlug(unit: PublishedUnit): string {
  if (unit.level === 0) return unit.id;
  if (unit.level === 3) return "region";
  // FNV-1a of the id: ASCII, stable across years and builds.
  let h = 0x811c9dc5;
  for (const ch of unit.id) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${unit.level === 1 ? "t" : "c"}${h.toString(36)}`;
}

/** Path of a unit's page in a school year, relative to the site root: the region's is the year's. */
export function unitPagePath(year: string, unit: PublishedUnit): string {
  return unit.level === 3 ? `${year}/` : `${year}/${unitSlug(unit)}/`;
}

/**
 * Path of a school year's 关爱覆盖 page, relative to the site root: the newest year's is
 * `coverage/` (the navigation's entry), an older year's `<学年>/coverage/`.
 */
export function coveragePath(years: readonly { year: string }[], year: string): string {
  return years[years.length - 1]?.year === year ? "coverage/" : `${year}/coverage/`;
}
