/**
 * Where the annual summaries (年度统计摘要) live, and the manifest that `npm run pdf` reads.
 *
 * Every unit of every year has a summary page laid out for A4; `npm run pdf` turns the pages
 * of a year into PDFs in the download folder and bundles the region's PDF with the year's
 * CSV tables into a zip. The pages carry a hidden link ("slot") to each file, which `npm run
 * pdf` shows once the file exists, so a site never links to a file it does not hold.
 */
import type { PublishedUnit, PublishedYear } from "../pipeline/publish/publishable.ts";
import type { SiteConfig } from "../pipeline/validate/siteConfig.ts";
import { unitSlug } from "./siteData.ts";

/** Version of `downloads/summaries.json`. */
export const SUMMARIES_FORMAT = 1;

/** Path of the manifest, relative to the site folder. */
export const SUMMARIES_MANIFEST = "downloads/summaries.json";

/** The slug of a unit's summary: the region's is "region". */
export const summarySlug = (unit: PublishedUnit): string =>
  unit.level === 3 ? "region" : unitSlug(unit);

/** Paths relative to the site folder (prefix the base path for links). */
export const summaryPage = (year: string, unit: PublishedUnit) =>
  `${year}/${summarySlug(unit)}/summary/`;
export const summaryPdf = (year: string, unit: PublishedUnit) =>
  `downloads/${year}/summary-${summarySlug(unit)}.pdf`;
/** The editable copy beside each PDF: the same name, `.docx`. */
export const docxOfPdf = (pdf: string) => pdf.replace(/\.pdf$/, ".docx");
export const summaryDocx = (year: string, unit: PublishedUnit) => docxOfPdf(summaryPdf(year, unit));
export const summarySlot = (year: string, unit: PublishedUnit) => `${year}/${summarySlug(unit)}`;
export const bundleZip = (year: string) => `downloads/${year}/lsrt-${year}.zip`;
export const bundleSlot = (year: string) => `${year}/bundle`;

export interface SummaryEntry {
  unit: string;
  unitName: string;
  level: number;
  page: string;
  pdf: string;
  slot: string;
}

export interface SummariesManifest {
  format: number;
  basePath: string;
  title: string;
  publisher: string;
  /** Oldest first, like the site's years. */
  years: {
    year: string;
    /** The region first, then every unit in the order of the year's units. */
    summaries: SummaryEntry[];
    bundle: { zip: string; slot: string; files: string[] };
  }[];
}

/**
 * The manifest of every summary of every year. `files(year)` lists the published files to
 * bundle with the region's summary (the year's CSV tables and the schema), relative to the
 * site folder.
 */
export function summariesManifest(
  config: Pick<SiteConfig, "basePath" | "title" | "publisher">,
  years: readonly PublishedYear[],
  files: (year: string) => string[],
): SummariesManifest {
  return {
    format: SUMMARIES_FORMAT,
    basePath: config.basePath,
    title: config.title,
    publisher: config.publisher,
    years: years.map((y) => ({
      year: y.year,
      summaries: y.units.map((u) => ({
        unit: u.id,
        unitName: u.name,
        level: u.level,
        page: summaryPage(y.year, u),
        pdf: summaryPdf(y.year, u),
        slot: summarySlot(y.year, u),
      })),
      bundle: { zip: bundleZip(y.year), slot: bundleSlot(y.year), files: files(y.year) },
    })),
  };
}
