/**
 * What the bureau's self-check page carries: the school year, the county's school list and
 * its care norms, read from the data folder when the page is made. A school's staff member
 * configures nothing; the checks that need the school list (school known, grade offered by
 * its 学段, county named) use this list, exactly as `check` uses schools.csv.
 */
import {
  CARE_TYPES,
  normsOf,
  type NormFrequency,
  type SiteConfig,
} from "../pipeline/validate/siteConfig.ts";
import type { SchoolRow } from "../pipeline/validate/schemas.ts";

/** Where the page is published on the site: a folder under the base path. */
export const SELF_CHECK_PATH = "self-check";

export interface SelfCheckSettings {
  /** Site title and publishing body, shown at the top of the page. */
  title: string;
  publisher: string;
  /** The school year checked, e.g. "2024-2025". */
  year: string;
  /**
   * The year's school list as a CSV (the required public columns of schools.csv only), read
   * by the page as the year's schools.csv.
   */
  schoolsCsv: string;
  /** Number of schools in the list. */
  schools: number;
  /** The county's care norms, for the page to state (the checks do not use them). */
  norms: [care: string, frequency: NormFrequency][];
}

/** Columns written to the embedded school list: the required, public ones. */
const SCHOOL_COLUMNS = [
  ["学校标识码", "school_id"],
  ["学校名称", "school_name"],
  ["区县", "county"],
  ["乡镇", "township"],
  ["学段", "level"],
  ["城乡分类代码", "urban_rural"],
] as const;

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The validated school rows as CSV with canonical headers: each value reads back as itself. */
export function schoolsCsv(schools: readonly SchoolRow[]): string {
  const lines = [SCHOOL_COLUMNS.map(([h]) => h).join(",")];
  for (const s of schools) lines.push(SCHOOL_COLUMNS.map(([, k]) => csvCell(s[k])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** The settings of the page for one school year. */
export function selfCheckSettings(
  config: SiteConfig,
  year: string,
  schools: readonly SchoolRow[],
): SelfCheckSettings {
  const norms = normsOf(config);
  return {
    title: config.title,
    publisher: config.publisher,
    year,
    schoolsCsv: schoolsCsv(schools),
    schools: schools.length,
    norms: CARE_TYPES.filter((t) => norms[t] !== "none").map((t) => [t, norms[t]]),
  };
}
