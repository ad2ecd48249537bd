import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ProblemSink } from "../problems.ts";
import { DecodeError, StreamDecoder } from "./decode.ts";
import { WORKBOOK_FILE } from "./workbook.ts";

/** The files of one school-year folder (paths relative to the data folder, forward slashes). */
export interface YearFiles {
  /** Folder name, e.g. "2024-2025". */
  readonly year: string;
  /** First calendar year of the school year (2024 for 2024-2025). */
  readonly startYear: number;
  readonly schools: string | null;
  readonly students: readonly string[];
  readonly care: readonly string[];
  readonly activities: string | null;
  readonly social: string | null;
  /** Photo files under photos/, relative to photos/ (forward slashes). */
  readonly photos: ReadonlySet<string>;
  /**
   * The bureau's texts for 下一步工作 (`summary/<单位>.md` or `.txt`, and `summary.md` for the
   * region), relative to the data folder.
   */
  readonly summaryTexts: readonly string[];
}

export interface DataDirListing {
  /** Absolute path of the data folder. */
  readonly root: string;
  /** Whether site.json exists. */
  readonly hasSiteJson: boolean;
  /** Text of site.json, or null when it is missing or could not be decoded (a problem says so). */
  readonly siteJson: string | null;
  /** Year folders, oldest first. */
  readonly years: readonly YearFiles[];
  /** Size in bytes of every table file listed, for progress and time-left estimates. */
  readonly sizes: ReadonlyMap<string, number>;
}

const YEAR_DIR = /^(\d{4})-(\d{4})$/;
/** A table file: CSV or an Excel workbook. */
const TABLE = /\.(csv|xlsx|xlsm|xls)$/i;
/** WPS's own format, which the workbook reader cannot open. */
const WPS = /\.et$/i;

/** Whether a data file is read as a workbook rather than as CSV text. */
export function isWorkbookFile(rel: string): boolean {
  return WORKBOOK_FILE.test(rel);
}

/** Files Excel and WPS leave beside an open workbook ("~$名单.xlsx"), and hidden files. */
const skipped = (name: string) => name.startsWith(".") || name.startsWith("~$");

/** Resolves a relative data path to an absolute one. */
export function resolveDataPath(root: string, rel: string): string {
  return path.join(root, ...rel.split("/"));
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return null;
  }
}

function reportWps(p: string, problems: ProblemSink): void {
  problems.report("E_WORKBOOK_UNREADABLE", p, null, null, {
    extra: "WPS 表格的 .et 格式无法读取，请在 WPS 中另存为 .xlsx",
  });
}

/** The region's text for 下一步工作 when a year has one file (beside the summary/ folder). */
const SUMMARY_FILES = ["summary.md", "summary.txt"];
/** A bureau's text: plain paragraphs in a .md or .txt file. */
const SUMMARY_TEXT = /\.(md|txt)$/i;

/** The text files of summary/ (one per unit, named after it). */
async function listSummaryTexts(
  root: string,
  rel: string,
  problems: ProblemSink,
): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await entries(resolveDataPath(root, rel))) ?? []) {
    if (skipped(e.name)) continue;
    if (e.isFile() && SUMMARY_TEXT.test(e.name)) out.push(`${rel}/${e.name}`);
    else
      problems.report("W_UNKNOWN_ENTRY", `${rel}/${e.name}`, null, null, {
        value: e.name,
        extra: "summary 文件夹中只读取 .md 和 .txt 文件，每个单位一个，以单位名称命名。",
      });
  }
  return out.sort();
}

/** The CSV files and workbooks of students/ or care/. */
async function listTables(root: string, rel: string, problems: ProblemSink): Promise<string[]> {
  const list = await entries(resolveDataPath(root, rel));
  if (!list) return [];
  const out: string[] = [];
  for (const e of list) {
    const p = `${rel}/${e.name}`;
    if (skipped(e.name)) continue;
    if (e.isFile() && TABLE.test(e.name)) out.push(p);
    else if (e.isFile() && WPS.test(e.name)) reportWps(p, problems);
    else
      problems.report("W_UNKNOWN_ENTRY", p, null, null, {
        value: e.name,
        extra: "这个文件夹中只读取 .csv、.xlsx 和 .xls 文件。",
      });
  }
  return out.sort();
}

async function listPhotos(root: string, rel: string): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (sub: string) => {
    const list = await entries(resolveDataPath(root, sub ? `${rel}/${sub}` : rel));
    for (const e of list ?? []) {
      const p = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) found.add(p);
    }
  };
  await walk("");
  return found;
}

async function listYear(root: string, year: string, problems: ProblemSink): Promise<YearFiles> {
  const list = (await entries(resolveDataPath(root, year))) ?? [];
  const names = new Map(list.map((e) => [e.name, e]));
  const single = new Set(["schools", "activities", "social"]);
  const isSingle = (name: string) => {
    const dot = name.lastIndexOf(".");
    return dot > 0 && single.has(name.slice(0, dot)) && TABLE.test(name);
  };
  /** schools.csv, or schools.xlsx / .xls (a table given twice is an error; the first is read). */
  const file = (base: string) => {
    const found = list
      .filter((e) => e.isFile() && isSingle(e.name) && e.name.startsWith(`${base}.`))
      .map((e) => `${year}/${e.name}`)
      .sort((a, b) => Number(isWorkbookFile(a)) - Number(isWorkbookFile(b)) || (a < b ? -1 : 1));
    if (found.length > 1) {
      problems.report("E_TABLE_TWICE", found[1]!, null, null, {
        value: found[0]!.slice(year.length + 1),
        extra: found[1]!.slice(year.length + 1),
      });
    }
    return found[0] ?? null;
  };
  const known = new Set(["students", "care", "photos", "summary", ...SUMMARY_FILES]);
  for (const e of list) {
    if (known.has(e.name) || isSingle(e.name) || skipped(e.name)) continue;
    if (WPS.test(e.name)) {
      reportWps(`${year}/${e.name}`, problems);
      continue;
    }
    problems.report("W_UNKNOWN_ENTRY", `${year}/${e.name}`, null, null, {
      value: e.name,
      extra:
        "学年文件夹中应只有 schools、activities、social 三张表（.csv、.xlsx 或 .xls），students、care、photos 三个文件夹，以及可选的 summary 文件夹（各单位“下一步工作”的文字）。",
    });
  }
  return {
    year,
    startYear: Number(year.slice(0, 4)),
    schools: file("schools"),
    students: names.get("students")?.isDirectory()
      ? await listTables(root, `${year}/students`, problems)
      : [],
    care: names.get("care")?.isDirectory() ? await listTables(root, `${year}/care`, problems) : [],
    activities: file("activities"),
    social: file("social"),
    photos: names.get("photos")?.isDirectory()
      ? await listPhotos(root, `${year}/photos`)
      : new Set(),
    summaryTexts: [
      ...SUMMARY_FILES.filter((n) => names.get(n)?.isFile()).map((n) => `${year}/${n}`),
      ...(names.get("summary")?.isDirectory()
        ? await listSummaryTexts(root, `${year}/summary`, problems)
        : []),
    ],
  };
}

/** Reads site.json in any accepted encoding; null (with a problem) when it can't be read. */
async function readSiteJson(file: string, problems: ProblemSink): Promise<string | null> {
  try {
    const decoder = new StreamDecoder();
    return decoder.push(await readFile(file)) + decoder.end();
  } catch (e) {
    const extra = e instanceof DecodeError ? e.failure.reason : "文件无法读取";
    problems.report("E_SITE_JSON_INVALID", "site.json", null, null, { extra });
    return null;
  }
}

/**
 * Lists a data folder (data contract §1). Returns null, with a problem, when the folder does
 * not exist. Never writes anything.
 */
export async function listDataDir(
  dir: string,
  problems: ProblemSink,
): Promise<DataDirListing | null> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    problems.report("E_DATA_DIR_MISSING", "", null, null, { value: dir });
    return null;
  }
  const list = (await entries(root)) ?? [];
  const years: YearFiles[] = [];
  let siteJson: string | null = null;
  let hasSiteJson = false;
  for (const e of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const m = YEAR_DIR.exec(e.name);
    if (e.isDirectory() && m && Number(m[2]) === Number(m[1]) + 1) {
      years.push(await listYear(root, e.name, problems));
    } else if (e.name === "site.json" && e.isFile()) {
      hasSiteJson = true;
      siteJson = await readSiteJson(path.join(root, e.name), problems);
    } else if (!e.name.startsWith(".") && !/^readme/i.test(e.name)) {
      problems.report("W_UNKNOWN_ENTRY", e.name, null, null, { value: e.name });
    }
  }
  const sizes = new Map<string, number>();
  for (const y of years) {
    const csv = [y.schools, ...y.students, ...y.care, y.activities, y.social];
    for (const rel of csv) {
      if (rel)
        sizes.set(rel, (await stat(resolveDataPath(root, rel)).catch(() => null))?.size ?? 0);
    }
  }
  return { root, hasSiteJson, siteJson, years, sizes };
}
