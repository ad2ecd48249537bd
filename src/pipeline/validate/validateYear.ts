/**
 * Validates one school-year folder: every file through its compiled row checker, then the
 * checks across rows and files (data contract §4–§6): schools ↔ roster ↔ care links,
 * duplicates, grade vs 学段, age vs grade, dates inside the school year, photo paths.
 */
import { COLUMNS, type ColumnHeader, type FileKind } from "../read/headers.ts";
import { parseTable, type TableHeader } from "../read/parseTable.ts";
import type { YearFiles } from "../read/dataDir.ts";
import { tableInput, WORKBOOK_FILE, type DataSource } from "../read/source.ts";
import { mask, ProblemSink } from "../problems.ts";
import { KeyTable } from "./keyTable.ts";
import { compileRowChecker, type RowChecker } from "./rowChecker.ts";
import {
  scanRoster,
  type RosterBatch,
  type RosterJob,
  type RosterScanSummary,
  type SchoolRef,
} from "./rosterScan.ts";
import { RosterMerger } from "./rosterMerge.ts";
import type { WorkerPool } from "./workerPool.ts";
import type { ActivityRow, CareRow, RowOf, SchoolRow, SocialRow, StudentRow } from "./schemas.ts";

/** A roster row as later stages see it: no 学籍号, name, class or birth date — age only. */
export type Student = Omit<StudentRow, "student_no" | "name" | "class" | "birth_date"> & {
  /** Whole years at 1 September of the school year. */
  age: number;
};

/** A care record linked to its child by the child's position in `ValidatedYear.students`. */
export type CareRecord = Omit<CareRow, "student_no" | "staff" | "note"> & { student: number };

export interface Located {
  file: string;
  row: number;
}

export interface ValidatedYear {
  year: string;
  startYear: number;
  /** The school list's file (schools.csv or a workbook), for problems about a school. */
  schoolsFile?: string;
  schools: SchoolRow[];
  /** Valid roster rows (only when rows are kept). */
  students: Student[];
  care: CareRecord[];
  activities: (ActivityRow & Located)[];
  social: (SocialRow & Located)[];
  /** Enrolment and left-behind count per school id, from the valid roster rows. */
  enrolment: Map<string, { pupils: number; leftBehind: number }>;
  /** Roster names of the year, for redacting published text (only when rows are kept). */
  names: Set<string>;
  /**
   * 责任人 and 备注 texts of the care records (only when rows are kept): never published,
   * held only so that the privacy guard can prove that none of them reached the output.
   */
  careTexts: { staff: Set<string>; notes: Set<string> };
  /** The bureau's 下一步工作 text files of the year (read and redacted by the gallery step). */
  summaryTexts?: readonly string[];
}

/** What long work reports as it goes. */
export interface ProgressEvent {
  file: string;
  /** Bytes of this file read so far, and its size. */
  bytes: number;
  size: number;
  /** Rows of this file read so far. */
  rows: number;
  done: boolean;
  /** All CSV files of the data folder and their total size. */
  totalFiles: number;
  totalBytes: number;
}

export interface ValidateOptions {
  /** Keep the validated rows for later stages (build); `check` only counts. */
  keepRows: boolean;
  onProgress?: (event: Omit<ProgressEvent, "totalFiles" | "totalBytes">) => void;
  /** File sizes from the listing, for progress. */
  sizes?: ReadonlyMap<string, number>;
  /** Roster files at least this large are scanned in parts in parallel (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
}

function columnHeader(kind: FileKind, key: string, header: TableHeader | null): string {
  const cols = COLUMNS[kind] as readonly ColumnHeader[];
  const i = cols.findIndex((c) => c.key === key);
  return header?.written[i] ?? cols[i]!.header;
}

/** One row handed to a file's callback: partial when some cell failed its own check. */
interface RowVisit<K extends FileKind> {
  row: Partial<RowOf<K>>;
  complete: boolean;
  rowNumber: number;
  /** The row's normalised cells in `COLUMNS[kind]` order (reused: copy what you keep). */
  values: readonly string[];
  /** Header text of a column as written in this file. */
  col: (key: string) => string;
}

interface YearContext {
  source: DataSource;
  problems: ProblemSink;
  options: ValidateOptions;
  pool: WorkerPool | null;
}

/** Files at least this large are cut into parts scanned in parallel (when rows are not kept). */
export const PARALLEL_MIN_BYTES = 32 << 20;

/** Thrown when a parallel scan turned out unsafe; the roster is then read again in one piece. */
class ScanAgain extends Error {
  override name = "ScanAgain";
}

/**
 * Scans a roster file into the merger: in parts on the worker pool when it is large, else
 * here as a whole. Parts are merged as they arrive; a parallel scan is kept only when it is
 * sure to equal a whole one — every part read cleanly, no quote anywhere (a cut could fall
 * inside a quoted cell), one encoding — else `ScanAgain` is thrown and nothing is kept.
 * Returns the scan summaries in part order.
 */
async function scanFile(
  job: RosterJob,
  source: DataSource,
  size: number,
  pool: WorkerPool | null,
  parallel: boolean,
  onBatch: (part: number, batch: RosterBatch) => void,
  report: (bytes: number, rows: number) => void,
): Promise<RosterScanSummary[]> {
  const plan = pool && parallel ? await pool.plan(job.path) : null;
  if (!plan || !pool) {
    const input = tableInput(source, job.file, size);
    return [await scanRoster(job, input, (b) => onBatch(0, b), report)];
  }
  const progress = plan.ranges.map(() => [0, 0]);
  const parts = await Promise.all(
    plan.ranges.map((range, k) =>
      pool.run(
        {
          ...job,
          range,
          continuation:
            k === 0 ? undefined : { headerCells: plan.headerCells, delimiter: plan.delimiter },
        },
        (b) => onBatch(k, b),
        (bytes, rows) => {
          progress[k] = [bytes, rows];
          report(
            progress.reduce((a, p) => a + p[0]!, 0),
            progress.reduce((a, p) => a + p[1]!, 0),
          );
        },
      ),
    ),
  );
  // A part's own sniffing sees the BOM only in the first part: both are UTF-8.
  const encodings = new Set(
    parts
      .map((p) => (p.encoding === "utf-8-bom" ? "utf-8" : p.encoding))
      .filter((e) => e !== null && e !== "ascii"),
  );
  if (parts.some((p) => !p.ok || p.quoted) || encodings.size > 1) throw new ScanAgain();
  return parts;
}

/** The roster of a year, merged from every roster file, with its own problems. */
async function readRoster(
  ctx: YearContext,
  files: YearFiles,
  schoolRefs: SchoolRef[],
  yearStart: string,
  parallel: boolean,
): Promise<{ roster: RosterMerger; problems: ProblemSink }> {
  const { options } = ctx;
  const problems = new ProblemSink();
  const roster = new RosterMerger(files.students, await ctx.source.estimateRows(files.students));
  const columns: string[] = [];
  const offsets: number[][] = [];
  for (let fileIdx = 0; fileIdx < files.students.length; fileIdx++) {
    const file = files.students[fileIdx]!;
    const job: RosterJob = {
      path: ctx.source.path?.(file) ?? file,
      file,
      schools: schoolRefs,
      haveSchools: files.schools !== null,
      yearStart,
      keepRows: options.keepRows,
    };
    const size = options.sizes?.get(file) ?? 0;
    const report = (bytes: number, rows: number, done = false) =>
      options.onProgress?.({ file, bytes, size, rows, done });
    const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
    // Parts are read by worker threads that open the file themselves: on disk only.
    // Workbooks are read in one piece: their rows cannot be cut by bytes.
    const inParts =
      parallel &&
      !options.keepRows &&
      size >= minBytes &&
      !!ctx.source.path &&
      !WORKBOOK_FILE.test(file);
    const parts = await scanFile(
      job,
      ctx.source,
      size,
      ctx.pool,
      inParts,
      (k, b) => roster.add(fileIdx, k, b),
      report,
    );
    let offset = 0;
    const fileOffsets: number[] = [];
    for (const part of parts) {
      fileOffsets.push(offset);
      problems.absorb(part.problems, part.counts, offset, part.sheets);
      offset += part.records;
    }
    offsets.push(fileOffsets);
    columns.push(parts[0]!.studentNoColumn);
    report(
      parts.reduce((a, p) => a + p.bytes, 0),
      parts.reduce((a, p) => a + p.rows, 0),
      true,
    );
  }
  roster.reportDuplicates(problems, offsets, (i) => columns[i]!);
  return { roster, problems };
}

/** Reads one file of a kind through its compiled checker. */
async function readRows<K extends FileKind>(
  ctx: YearContext,
  file: string,
  kind: K,
  visit: (v: RowVisit<K>) => void,
): Promise<void> {
  const { source, problems, options } = ctx;
  let check: RowChecker<K> | null = null;
  let col: (key: string) => string = (key) => key;
  const size = options.sizes?.get(file) ?? 0;
  const progress = options.onProgress;
  const result = await parseTable({
    kind,
    ...tableInput(source, file, size),
    file,
    problems,
    onProgress: progress
      ? (bytes, rows) => progress({ file, bytes, size, rows, done: false })
      : undefined,
    onHeader: (h) => {
      check = compileRowChecker(kind, h, file, problems);
      col = (key) => columnHeader(kind, key, h);
    },
    onRow: (values, rowNumber) => {
      const { row, complete } = check!(values, rowNumber);
      visit({ row, complete, rowNumber, values, col });
    },
  });
  progress?.({ file, bytes: result.bytes, size, rows: result.rows, done: true });
}

export async function validateYear(
  source: DataSource,
  files: YearFiles,
  problems: ProblemSink,
  options: ValidateOptions,
  pool: WorkerPool | null = null,
): Promise<ValidatedYear> {
  const { year, startYear } = files;
  const ctx: YearContext = { source, problems, options, pool };
  const yearStart = `${startYear}-09-01`;
  const yearEnd = `${startYear + 1}-08-31`;
  const yearRange = `${yearStart} 至 ${yearEnd}`;
  const out: ValidatedYear = {
    year,
    startYear,
    ...(files.schools ? { schoolsFile: files.schools } : {}),
    schools: [],
    students: [],
    care: [],
    activities: [],
    social: [],
    enrolment: new Map(),
    names: new Set(),
    careTexts: { staff: new Set(), notes: new Set() },
    summaryTexts: files.summaryTexts,
  };

  /** Dates of care, activities and social rows must fall inside the school year. */
  const checkDate = (date: string | undefined, v: RowVisit<FileKind>, file: string): boolean => {
    if (date === undefined || (date >= yearStart && date <= yearEnd)) return true;
    problems.report("E_DATE_OUTSIDE_YEAR", file, v.rowNumber, v.col("date"), {
      value: v.values[0],
      expected: yearRange,
    });
    return false;
  };

  // ---- schools.csv ----
  const schools = new Map<string, SchoolRow & Located>();
  if (!files.schools) problems.report("E_SCHOOLS_MISSING", year, null, null);
  else {
    const file = files.schools;
    await readRows(ctx, file, "schools", (v) => {
      const id = v.row.school_id;
      const first = id === undefined ? undefined : schools.get(id);
      if (first) {
        problems.report("E_SCHOOL_ID_DUPLICATE", file, v.rowNumber, v.col("school_id"), {
          value: id,
          extra: `第一次出现在第 ${first.row} 行`,
        });
        return;
      }
      if (!v.complete) return;
      const s = { ...(v.row as SchoolRow) };
      schools.set(s.school_id, { ...s, file, row: v.rowNumber });
      out.schools.push(s);
      out.enrolment.set(s.school_id, { pupils: 0, leftBehind: 0 });
    });
  }
  const counties = new Set([...schools.values()].map((s) => s.county));
  const checkSchool = (id: string | undefined, v: RowVisit<FileKind>, file: string): boolean => {
    if (id === undefined || schools.has(id)) return true;
    if (files.schools) {
      problems.report("E_SCHOOL_UNKNOWN", file, v.rowNumber, v.col("school_id"), { value: id });
    }
    return false;
  };

  // ---- students/*.csv ----
  if (files.students.length === 0) problems.report("E_STUDENTS_MISSING", year, null, null);
  const schoolRefs: SchoolRef[] = out.schools.map((s) => ({
    id: s.school_id,
    name: s.school_name,
    level: s.level,
  }));
  let read: Awaited<ReturnType<typeof readRoster>>;
  try {
    read = await readRoster(ctx, files, schoolRefs, yearStart, true);
  } catch (e) {
    if (!(e instanceof ScanAgain)) throw e;
    read = await readRoster(ctx, files, schoolRefs, yearStart, false);
  }
  const { roster } = read;
  problems.absorb(
    read.problems.problems,
    read.problems.countEntries(),
    0,
    read.problems.sheetEntries(),
  );
  out.students = roster.students;
  out.names = roster.names;
  const enrolment = roster.enrolment(schoolRefs.length);
  schoolRefs.forEach((ref, i) => out.enrolment.set(ref.id, enrolment[i]!));
  if (files.students.length > 0) {
    for (const s of out.schools) {
      if (out.enrolment.get(s.school_id)!.pupils > 0) continue;
      const where = schools.get(s.school_id)!;
      problems.report("W_SCHOOL_NO_ROSTER", where.file, where.row, null, { value: s.school_name });
    }
  }

  // ---- care/*.csv ----
  if (files.care.length === 0) problems.report("W_CARE_MISSING", year, null, null);
  const careSeen = new KeyTable();
  const careWhere: string[] = [];
  for (const file of files.care) {
    await readRows(ctx, file, "care", (v) => {
      const c = v.row;
      let ok = checkDate(c.date, v, file) && checkSchool(c.school_id, v, file) && v.complete;
      let student = -1;
      let schoolId = c.school_id;
      if (c.student_no !== undefined) {
        const ordinal = roster.lookup(c.student_no);
        if (ordinal < 0) {
          problems.report("E_CARE_STUDENT_UNKNOWN", file, v.rowNumber, v.col("student_no"), {
            value: mask(c.student_no),
          });
          return;
        }
        if (roster.lbOf(ordinal) === 0) {
          problems.report("W_CARE_NOT_LEFT_BEHIND", file, v.rowNumber, v.col("student_no"), {
            value: mask(c.student_no),
          });
        }
        schoolId = schoolRefs[roster.schoolOf(ordinal)]?.id ?? c.school_id;
        if (c.school_id !== undefined && schools.has(c.school_id) && schoolId !== c.school_id) {
          problems.report("W_CARE_SCHOOL_MISMATCH", file, v.rowNumber, v.col("school_id"), {
            value: mask(c.student_no),
            extra: schools.get(schoolId!)?.school_name ?? schoolId,
          });
        }
        student = roster.studentOf(ordinal);
      }
      const first = careSeen.add(v.values.join("\u0001"));
      if (first >= 0) {
        problems.report("W_CARE_DUPLICATE", file, v.rowNumber, null, { extra: careWhere[first] });
        return;
      }
      careWhere.push(`${file} 第 ${v.rowNumber} 行`);
      ok &&= student >= 0;
      if (options.keepRows) {
        if (c.staff) out.careTexts.staff.add(c.staff);
        if (c.note) out.careTexts.notes.add(c.note);
      }
      if (ok && options.keepRows) {
        const full = c as CareRow;
        out.care.push({
          date: full.date,
          school_id: schoolId!,
          care_type: full.care_type,
          student,
        });
      }
    });
  }

  // ---- activities.csv and social.csv ----
  const checkPlace = (
    r: { school_id?: string; county?: string; date?: string },
    v: RowVisit<FileKind>,
    file: string,
  ): boolean => {
    let ok = checkDate(r.date, v, file);
    ok = checkSchool(r.school_id, v, file) && ok;
    if (r.school_id === undefined && r.county !== undefined && !counties.has(r.county)) {
      problems.report("E_COUNTY_UNKNOWN", file, v.rowNumber, v.col("county"), { value: r.county });
      ok = false;
    }
    return ok;
  };

  if (files.activities) {
    const file = files.activities;
    await readRows(ctx, file, "activities", (v) => {
      let ok = checkPlace(v.row, v, file) && v.complete;
      for (const photo of v.row.photos ?? []) {
        if (!isSafePhotoPath(photo)) {
          problems.report("E_PHOTO_PATH_UNSAFE", file, v.rowNumber, v.col("photos"), {
            value: photo,
          });
          ok = false;
        } else if (!files.photos.has(photoKey(photo))) {
          problems.report("E_PHOTO_MISSING", file, v.rowNumber, v.col("photos"), { value: photo });
          ok = false;
        }
      }
      if (ok && options.keepRows)
        out.activities.push({ ...(v.row as ActivityRow), file, row: v.rowNumber });
    });
  }
  if (files.social) {
    const file = files.social;
    await readRows(ctx, file, "social", (v) => {
      const ok = checkPlace(v.row, v, file) && v.complete;
      if (ok && options.keepRows)
        out.social.push({ ...(v.row as SocialRow), file, row: v.rowNumber });
    });
  }
  return out;
}

/** A photo name as listed under photos/: forward slashes, an optional leading "photos/" dropped. */
export function photoKey(p: string): string {
  return p.replace(/\\/g, "/").replace(/^photos\//, "");
}

/**
 * A photo path must stay inside photos/: relative, no "..", no drive letter, already in
 * normal form (no empty part: "a//b"). Plain string checks, so that it runs in a browser too.
 */
export function isSafePhotoPath(p: string): boolean {
  const s = p.replace(/\\/g, "/");
  if (s === "" || s.startsWith("/") || /^[A-Za-z]:/.test(s) || s.startsWith("~")) return false;
  if (s.split("/").some((part) => part === ".." || part === ".")) return false;
  return !s.includes("//");
}
