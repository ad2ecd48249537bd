/**
 * The whole synthetic county as files: site.json and, per school year, schools.csv,
 * students/*.csv, care/*.csv, activities.csv, social.csv and photos/*.jpg. Pure apart from
 * photo encoding: nothing is written to disk here (see writeSample.ts).
 */
import iconv from "iconv-lite";
import { activities, activitiesTable } from "./activities.ts";
import { careRecords, type CareRecord } from "./care.ts";
import { careFormats, careTable } from "./careTable.ts";
import { layoutCounty, type County } from "./county.ts";
import { csvText, encodeText, type TextEncoding } from "./csv.ts";
import { SAMPLE_NEXT_STEPS } from "./nextSteps.ts";
import { renderPhoto } from "./photos.ts";
import { Rng } from "./random.ts";
import { generateRosters, type YearRoster } from "./roster.ts";
import { assignRosterFormats } from "./rosterFormat.ts";
import { rosterTable } from "./rosterTable.ts";
import { schoolsTable } from "./schoolsTable.ts";
import { NEWEST_YEAR_START, schoolYears, type SchoolYear } from "./schoolYear.ts";
import { sampleSiteConfig, siteJsonText } from "./siteJson.ts";
import { socialRecords, socialTable } from "./social.ts";
import { workbookBytes, type WorkbookLayout } from "./workbookFile.ts";

/**
 * How tables are written: CSV (the embedded sample), every table as .xlsx or as .xls, or
 * "mixed" as a county's files really arrive (CSV, .xlsx and .xls side by side).
 */
export type SampleFormat = "csv" | "xlsx" | "xls" | "mixed";

export interface SampleOptions {
  /** Approximate number of schools (12…300). */
  readonly schools: number;
  /** Approximate pupils in the county per year. */
  readonly students: number;
  /** Number of school years, the newest being 2024-2025. */
  readonly years: number;
  readonly seed: number;
}

/** The options of the embedded sample in data/. */
export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = {
  schools: 40,
  students: 10000,
  years: 2,
  seed: 1,
};

export { NEWEST_YEAR_START };

/** Photos per school year: keeps the embedded sample small. */
const MAX_PHOTOS_PER_YEAR = 14;

export interface SampleFile {
  /** Path relative to the data folder, with forward slashes. */
  readonly path: string;
  readonly data: Buffer;
  /** Data rows, for CSV files. */
  readonly rows?: number;
}

export interface YearSummary {
  readonly label: string;
  readonly schools: number;
  readonly pupils: number;
  readonly leftBehind: number;
  readonly rosterFiles: number;
  readonly careFiles: number;
  readonly careRows: number;
  readonly activities: number;
  readonly socialRows: number;
  readonly photos: number;
}

export interface Sample extends SampleModel {
  readonly dataDate: string;
  readonly files: readonly SampleFile[];
  readonly summary: readonly YearSummary[];
}

function csvFile(
  path: string,
  table: { header: string[]; rows: string[][] },
  encoding: TextEncoding = "utf8bom",
  delimiter = ",",
): SampleFile {
  const text = csvText(table.header, table.rows, delimiter);
  // iconv-lite writes "?" for a character GB18030 lacks; that must never happen silently.
  if (encoding === "gb18030" && iconv.decode(iconv.encode(text, "gb18030"), "gb18030") !== text)
    throw new Error(`text not representable in GB18030: ${path}`);
  const rows = table.rows.filter((r) => r.some((cell) => cell !== "")).length;
  return { path, data: encodeText(text, encoding), rows };
}

/** The file type of the n-th table of a year in a format ("mixed" takes turns). */
function fileType(format: SampleFormat, n: number): "csv" | "xlsx" | "xls" {
  if (format !== "mixed") return format;
  return (["csv", "xlsx", "xls"] as const)[n % 3]!;
}

/**
 * A table as a file of the format's type. Workbooks take turns at a title row above the
 * header and a second sheet of notes, as exports have.
 */
function tableFile(
  format: SampleFormat,
  n: number,
  path: string,
  table: { header: string[]; rows: string[][] },
  title: string,
  encoding: TextEncoding = "utf8bom",
  delimiter = ",",
): SampleFile {
  const type = fileType(format, n);
  if (type === "csv") return csvFile(path, table, encoding, delimiter);
  const layout: WorkbookLayout = {
    sheet: n % 2 === 0 ? "Sheet1" : title.slice(0, 31),
    ...(n % 3 === 1 ? { title } : {}),
    ...(n % 4 === 2 ? { notes: "本表由学校导出，供统计使用。" } : {}),
  };
  const rows = table.rows.filter((r) => r.some((cell) => cell !== "")).length;
  return {
    path: path.replace(/\.csv$/, `.${type}`),
    data: workbookBytes(table, type, layout),
    rows,
  };
}

export interface SampleModel {
  readonly options: SampleOptions;
  readonly county: County;
  readonly years: readonly SchoolYear[];
  readonly rosters: readonly YearRoster[];
}

/** The county and its pupils, without any files: what tests of the population use. */
export function sampleModel(options: Partial<SampleOptions> = {}): SampleModel {
  const opts: SampleOptions = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const rng = new Rng(opts.seed);
  const county = layoutCounty(
    { schools: opts.schools, students: opts.students },
    rng.fork("county"),
  );
  const years = schoolYears(NEWEST_YEAR_START, opts.years);
  return {
    options: opts,
    county,
    years,
    rosters: generateRosters(county, years, rng.fork("rosters")),
  };
}

/** Generates the sample in memory. Same options ⇒ byte-identical files. */
export async function generateSample(
  options: Partial<SampleOptions> = {},
  sampleFormat: SampleFormat = "csv",
): Promise<Sample> {
  const { options: opts, county, years, rosters } = sampleModel(options);
  const rng = new Rng(opts.seed);
  const rosterFormats = assignRosterFormats(county, rng.fork("formats"));
  const careFmts = careFormats(county);
  const newest = years[years.length - 1] as SchoolYear;
  const dataDate = `${newest.start + 1}-07-31`;

  const files: SampleFile[] = [
    {
      path: "site.json",
      data: Buffer.from(siteJsonText(sampleSiteConfig(county, dataDate)), "utf8"),
    },
  ];
  const summary: YearSummary[] = [];

  for (const [t, { year, bySchool }] of rosters.entries()) {
    const dir = year.label;
    const until = year === newest ? dataDate : year.lastDay;
    const yearsBack = rosters.length - 1 - t;
    let n = 0;
    files.push(
      tableFile(
        sampleFormat,
        n++,
        `${dir}/schools.csv`,
        schoolsTable(county),
        `${county.name}学校名单`,
      ),
    );

    let pupils = 0;
    let leftBehind = 0;
    const careByTownship = new Map<string, CareRecord[]>();
    for (const school of county.schools) {
      const list = bySchool.get(school.id) ?? [];
      pupils += list.length;
      leftBehind += list.filter((p) => p.family.leftBehind > 0).length;
      const format = rosterFormats.get(school.id);
      if (!format) throw new Error(`no roster format for ${school.id}`);
      const table = rosterTable(rng.fork("columns", school.id), county, school, list, format);
      files.push(
        tableFile(
          sampleFormat,
          n++,
          `${dir}/students/${format.fileName}`,
          table,
          `${school.name}学生名单`,
          format.encoding,
          format.delimiter,
        ),
      );
      const care = careRecords(rng, school, list, year, { yearsBack, until });
      careByTownship.set(school.township, [
        ...(careByTownship.get(school.township) ?? []),
        ...care,
      ]);
    }

    let careFiles = 0;
    let careRows = 0;
    for (const township of county.townships) {
      const records = (careByTownship.get(township.name) ?? []).sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
      );
      if (records.length === 0) continue;
      const format = careFmts.get(township.name);
      if (!format) throw new Error(`no care format for ${township.name}`);
      files.push(
        tableFile(
          sampleFormat,
          n++,
          `${dir}/care/${format.fileName}`,
          careTable(records, format),
          `${township.name}关爱记录`,
          format.encoding,
        ),
      );
      careFiles++;
      careRows += records.length;
    }

    const acts = activities(rng, county, year, bySchool, { until, maxPhotos: MAX_PHOTOS_PER_YEAR });
    files.push(
      tableFile(sampleFormat, n++, `${dir}/activities.csv`, activitiesTable(acts), "关爱活动"),
    );
    const photos = acts.flatMap((a) => a.photos);
    for (const photo of photos)
      files.push({ path: `${dir}/photos/${photo.fileName}`, data: await renderPhoto(photo) });
    const social = socialRecords(rng, county, year, bySchool, until);
    files.push(tableFile(sampleFormat, n++, `${dir}/social.csv`, socialTable(social), "社会关爱"));
    // The bureau's own 下一步工作 for the county's summary; schools and 乡镇 have none.
    files.push({ path: `${dir}/summary/region.md`, data: Buffer.from(SAMPLE_NEXT_STEPS, "utf8") });

    summary.push({
      label: year.label,
      schools: county.schools.length,
      pupils,
      leftBehind,
      rosterFiles: county.schools.length,
      careFiles,
      careRows,
      activities: acts.length,
      socialRows: social.length,
      photos: photos.length,
    });
  }
  return { options: opts, county, years, rosters, dataDate, files, summary };
}
