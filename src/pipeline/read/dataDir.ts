import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ProblemSink } from "../problems.ts";
import { DecodeError, StreamDecoder } from "./decode.ts";

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
  /** Size in bytes of every CSV file listed, for progress and time-left estimates. */
  readonly sizes: ReadonlyMap<string, number>;
}

const YEAR_DIR = /^(\d{4})-(\d{4})$/;
const EXCEL = /\.(xlsx|xlsm|xls|et)$/i;

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

async function listCsv(root: string, rel: string, problems: ProblemSink): Promise<string[]> {
  const list = await entries(resolveDataPath(root, rel));
  if (!list) return [];
  const out: string[] = [];
  for (const e of list) {
    const p = `${rel}/${e.name}`;
    if (e.isFile() && /\.csv$/i.test(e.name)) out.push(p);
    else if (e.isFile() && EXCEL.test(e.name)) {
      problems.report("E_FILE_BINARY", p, null, null, {
        extra: "Excel 工作簿不能直接读取，请另存为 CSV",
      });
    } else if (!e.name.startsWith("."))
      problems.report("W_UNKNOWN_ENTRY", p, null, null, {
        value: e.name,
        extra: "这个文件夹中只读取 .csv 文件。",
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
  const file = (name: string) => (names.get(name)?.isFile() ? `${year}/${name}` : null);
  const known = new Set([
    "schools.csv",
    "students",
    "care",
    "activities.csv",
    "social.csv",
    "photos",
  ]);
  for (const e of list) {
    if (known.has(e.name) || e.name.startsWith(".")) continue;
    problems.report("W_UNKNOWN_ENTRY", `${year}/${e.name}`, null, null, {
      value: e.name,
      extra:
        "学年文件夹中应只有 schools.csv、students、care、activities.csv、social.csv 和 photos。",
    });
  }
  return {
    year,
    startYear: Number(year.slice(0, 4)),
    schools: file("schools.csv"),
    students: names.get("students")?.isDirectory()
      ? await listCsv(root, `${year}/students`, problems)
      : [],
    care: names.get("care")?.isDirectory() ? await listCsv(root, `${year}/care`, problems) : [],
    activities: file("activities.csv"),
    social: file("social.csv"),
    photos: names.get("photos")?.isDirectory()
      ? await listPhotos(root, `${year}/photos`)
      : new Set(),
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
