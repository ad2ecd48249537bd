/**
 * Checks the files a school chose, with the project's own read and validate stages: the
 * files are placed where they would sit in the bureau's data folder (the year's students/,
 * care/, activities.csv, social.csv, photos/), next to the school list the page carries, and
 * the year is validated exactly as `check` validates it. Only the problems of the chosen
 * files are kept: checks across the whole county (the same 学籍号 at two schools, a school
 * that sent no roster) are the bureau's.
 *
 * Runs in a browser worker and in Node alike (`File`/`Blob` in, problems out). CSV files and
 * Excel workbooks alike: a workbook is opened by the opener handed in (the page's worker
 * carries the workbook library only when a workbook was chosen).
 */
import { ProblemSink, sheetLabel, type Problem } from "../pipeline/problems.ts";
import { blobSource } from "../pipeline/read/blobSource.ts";
import type { YearFiles } from "../pipeline/read/dataDir.ts";
import type { WorkbookOpener } from "../pipeline/read/source.ts";
import { WORKBOOK_FILE } from "../pipeline/read/workbookFile.ts";
import { sortProblems } from "../pipeline/validate/sortProblems.ts";
import { validateYear } from "../pipeline/validate/validateYear.ts";
import type { SelfCheckSettings } from "./settings.ts";

/** A chosen file: its name and contents. */
export interface ChosenFile {
  name: string;
  blob: Blob;
}

/** What a school chose, by kind (the page has one file field per kind). */
export interface ChosenFiles {
  students: ChosenFile[];
  care: ChosenFile[];
  activities: ChosenFile | null;
  social: ChosenFile | null;
  /** Names of the activity photos (only the names are looked at). */
  photos: string[];
}

export interface CheckProgress {
  /** The file being read (its name as chosen). */
  name: string;
  /** Bytes of all chosen files read so far, and their total. */
  bytes: number;
  totalBytes: number;
}

export interface FilesChecked {
  /** Problems of the chosen files, in the order `check` lists them. */
  problems: Problem[];
  /** Full counts over the chosen files, including problems beyond the listing limit. */
  errors: number;
  warnings: number;
  fileTotals: Map<string, { errors: number; warnings: number }>;
  /**
   * Paths of the chosen files as the problems name them (e.g. "2024-2025/students/名单.csv",
   * "2024-2025/students/名单.xlsx（工作表“名单”）").
   */
  files: string[];
  /** Data rows read over all chosen files. */
  rows: number;
}

/**
 * The name a single table of the year folder has in `check` (`activities.csv`,
 * `activities.xlsx`): a workbook keeps its extension, anything else is read as CSV.
 */
function singleName(base: string, chosen: ChosenFile): string {
  const ext = WORKBOOK_FILE.exec(chosen.name)?.[0] ?? ".csv";
  return `${base}${ext}`;
}

/** Paths inside the year folder, one per chosen file; equal names get a number. */
function place(folder: string, chosen: readonly ChosenFile[], taken: Set<string>) {
  return chosen.map((f) => {
    const dot = f.name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [f.name.slice(0, dot), f.name.slice(dot)] : [f.name, ""];
    let path = `${folder}/${f.name}`;
    for (let n = 2; taken.has(path); n++) path = `${folder}/${stem}（${n}）${ext}`;
    taken.add(path);
    return { path, file: f };
  });
}

/**
 * Checks the chosen files of one school year against the page's settings. Workbooks are
 * opened by `openWorkbook` (the reader `check` uses), handed in as `workbook`: without it,
 * every file is read as CSV text.
 */
export async function checkFiles(
  settings: SelfCheckSettings,
  chosen: ChosenFiles,
  onProgress?: (p: CheckProgress) => void,
  workbook?: WorkbookOpener,
): Promise<FilesChecked> {
  const { year } = settings;
  const taken = new Set<string>();
  const students = place(`${year}/students`, chosen.students, taken);
  const care = place(`${year}/care`, chosen.care, taken);
  const single = (base: string, f: ChosenFile | null) =>
    f && place(year, [{ ...f, name: singleName(base, f) }], taken)[0]!;
  const activities = single("activities", chosen.activities);
  const social = single("social", chosen.social);
  const placed = [
    ...students,
    ...care,
    ...(activities ? [activities] : []),
    ...(social ? [social] : []),
  ];

  const schoolsFile = `${year}/schools.csv`;
  const blobs = new Map<string, Blob>(placed.map((p) => [p.path, p.file.blob]));
  blobs.set(schoolsFile, new Blob([settings.schoolsCsv], { type: "text/csv" }));
  const sizes = new Map(placed.map((p) => [p.path, p.file.blob.size]));
  const names = new Map(placed.map((p) => [p.path, p.file.name]));
  const files: YearFiles = {
    year,
    startYear: Number(year.slice(0, 4)),
    schools: schoolsFile,
    // The order `listDataDir` gives: the first copy of a 学籍号 is the one in the first file.
    students: students.map((p) => p.path).sort(),
    care: care.map((p) => p.path).sort(),
    activities: activities?.path ?? null,
    // The bureau writes 下一步工作; schools do not send it.
    summaryTexts: [],
    social: social?.path ?? null,
    photos: new Set(chosen.photos),
  };

  const totalBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const done = new Map<string, number>();
  let doneBytes = 0;
  let rows = 0;
  const problems = new ProblemSink();
  await validateYear(blobSource(blobs, workbook ? { workbook } : {}), files, problems, {
    keepRows: false,
    sizes,
    onProgress: (e) => {
      const name = names.get(e.file);
      if (name === undefined) return;
      if (e.done && !done.has(e.file)) {
        done.set(e.file, e.rows);
        doneBytes += e.size;
        rows += e.rows;
      }
      onProgress?.({ name, bytes: e.done ? doneBytes : doneBytes + e.bytes, totalBytes });
    },
  });

  // A workbook's problems name the sheet that was read ("…/名单.xlsx（工作表“名单”）").
  const sheets = new Map(problems.sheetEntries());
  const named = (file: string) => {
    const sheet = sheets.get(file);
    return sheet === undefined ? file : sheetLabel(file, sheet);
  };
  const shown = placed.map((p) => named(p.path));
  const kept = new Set(shown);
  const fileTotals = new Map([...problems.countsByFile()].filter(([f]) => kept.has(f)));
  let errors = 0;
  let warnings = 0;
  for (const t of fileTotals.values()) {
    errors += t.errors;
    warnings += t.warnings;
  }
  return {
    problems: sortProblems(problems.finish().filter((p) => kept.has(p.file))),
    errors,
    warnings,
    fileTotals,
    files: shown,
    rows,
  };
}
