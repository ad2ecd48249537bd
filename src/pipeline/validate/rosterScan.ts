/**
 * Scans one roster file (or one part of it) through the row checker and the checks that
 * need only the school list: school known, grade offered by its 学段, age plausible for
 * the grade. What needs the whole year — duplicates, enrolment, links from care records —
 * is left to `mergeRosterScan`, which takes scans in file order. A scan is a plain object of
 * typed arrays, so it can be made in a worker thread and handed over cheaply.
 */
import type { TableHeader } from "../read/readTable.ts";
import { readTable } from "../read/readTable.ts";
import type { Delimiter } from "../read/csv.ts";
import { COLUMNS, type ColumnHeader } from "../read/headers.ts";
import { mask, ProblemSink, type Problem } from "../problems.ts";
import { hash64, hashHi, hashLo, IntColumn } from "./keyTable.ts";
import { compileRowChecker, type RowChecker } from "./rowChecker.ts";
import type { StudentRow } from "./schemas.ts";
import { GRADES_BY_LEVEL, GRADE_LABELS, type SchoolLevel } from "./values.ts";
import type { Student } from "./validateYear.ts";

export interface SchoolRef {
  id: string;
  name: string;
  level: SchoolLevel;
}

export interface RosterJob {
  /** Absolute path of the file, and its path relative to the data folder. */
  path: string;
  file: string;
  schools: SchoolRef[];
  /** Whether schools.csv exists (else unknown schools are not reported again). */
  haveSchools: boolean;
  /** 1 September of the school year (ISO). */
  yearStart: string;
  keepRows: boolean;
  range?: { start: number; end: number };
  continuation?: { headerCells: string[]; delimiter: Delimiter };
}

export const LB_CODE = { 非留守儿童: 0, 单亲留守儿童: 1, 双亲留守儿童: 2 } as const;
export const LB_UNKNOWN = 3;

/** What a scan found, one entry per row that has a readable 学籍号. */
export interface RosterScan {
  ok: boolean;
  encoding: string | null;
  quoted: boolean;
  /** Records seen (header and blank lines included). */
  records: number;
  rows: number;
  bytes: number;
  /** Salted hash of the 学籍号, its row (within the scanned part), and the masked value. */
  hashHi: Int32Array;
  hashLo: Int32Array;
  row: Int32Array;
  /** Masked 学籍号 per entry, joined by "\n" (one string crosses threads cheaply). */
  masked: string;
  /** Header text of the 学籍号 column in this file. */
  studentNoColumn: string;
  /** Index into `job.schools`, or -1 when unknown. */
  school: Int32Array;
  /** LB_CODE of the row, or LB_UNKNOWN. */
  lb: Int32Array;
  /** 1 when the row passed every check of the scan. */
  valid: Int32Array;
  /** Per entry, the student as later stages see it (only with keepRows; null if not valid). */
  students: (Student | null)[];
  names: string[];
  problems: Problem[];
  counts: [string, number][];
}

/** The number written in `s` from `from` to `to` (ASCII digits). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Age in whole years on `onDate` (ISO) of someone born on `birth` (ISO). */
export function ageOn(birth: string, onDate: string): number {
  const years = digits(onDate, 0, 4) - digits(birth, 0, 4);
  const onDay = digits(onDate, 5, 7) * 100 + digits(onDate, 8, 10);
  const birthDay = digits(birth, 5, 7) * 100 + digits(birth, 8, 10);
  return years - (onDay < birthDay ? 1 : 0);
}

export async function scanRoster(
  job: RosterJob,
  onProgress?: (bytes: number, rows: number) => void,
): Promise<RosterScan> {
  const { file, yearStart } = job;
  const sink = new ProblemSink();
  const schoolIndex = new Map(job.schools.map((s, i) => [s.id, i]));
  const gradeOk = job.schools.map((s) => new Set<number>(GRADES_BY_LEVEL[s.level]));
  const cols = COLUMNS.students as readonly ColumnHeader[];
  const hi = new IntColumn(1 << 12);
  const lo = new IntColumn(1 << 12);
  const rowNo = new IntColumn(1 << 12);
  const school = new IntColumn(1 << 12);
  const lb = new IntColumn(1 << 12);
  const valid = new IntColumn(1 << 12);
  const masked: string[] = [];
  const students: (Student | null)[] = [];
  const names: string[] = [];
  let check: RowChecker<"students"> | null = null;
  let header: TableHeader | null = null;
  const col = (key: string) => {
    const i = cols.findIndex((c) => c.key === key);
    return header?.written[i] ?? cols[i]!.header;
  };

  const result = await readTable({
    kind: "students",
    path: job.path,
    file,
    problems: sink,
    range: job.range,
    continuation: job.continuation,
    onProgress,
    onHeader: (h) => {
      header = h;
      check = compileRowChecker("students", h, file, sink);
    },
    onRow: (values, rowNumber) => {
      const { row: s, complete } = check!(values, rowNumber);
      let ok = complete;
      const si = s.school_id === undefined ? -1 : (schoolIndex.get(s.school_id) ?? -1);
      if (s.school_id !== undefined && si < 0) {
        if (job.haveSchools)
          sink.report("E_SCHOOL_UNKNOWN", file, rowNumber, col("school_id"), {
            value: s.school_id,
          });
        ok = false;
      }
      if (si >= 0 && s.grade !== undefined && !gradeOk[si]!.has(s.grade)) {
        const ref = job.schools[si]!;
        sink.report("E_GRADE_NOT_OFFERED", file, rowNumber, col("grade"), {
          value: GRADE_LABELS[s.grade],
          expected: `${ref.name}为${ref.level}`,
        });
        ok = false;
      }
      const age = s.birth_date === undefined ? undefined : ageOn(s.birth_date, yearStart);
      if (age !== undefined && s.grade !== undefined && Math.abs(age - (s.grade + 5)) > 3) {
        sink.report("W_AGE_GRADE_MISMATCH", file, rowNumber, col("birth_date"), {
          value: String(age),
          expected: GRADE_LABELS[s.grade],
        });
      }
      // A row with other problems still claims its 学籍号, so that duplicates and care
      // records are judged correctly.
      if (s.student_no === undefined) return;
      hash64(s.student_no);
      hi.push(hashHi | 0);
      lo.push(hashLo | 0);
      rowNo.push(rowNumber);
      masked.push(mask(s.student_no, true));
      school.push(si);
      lb.push(s.left_behind === undefined ? LB_UNKNOWN : LB_CODE[s.left_behind]);
      valid.push(ok ? 1 : 0);
      if (job.keepRows) {
        if (ok) {
          const {
            student_no: _no,
            name,
            class: _class,
            birth_date: _birth,
            ...rest
          } = s as StudentRow;
          students.push({ ...rest, age: age! });
          if (name) names.push(name);
        } else students.push(null);
      }
    },
  });
  return {
    ok: result.ok,
    encoding: result.encoding,
    quoted: result.quoted,
    records: result.records,
    rows: result.rows,
    bytes: result.bytes,
    hashHi: hi.toArray(),
    hashLo: lo.toArray(),
    row: rowNo.toArray(),
    masked: masked.join("\n"),
    studentNoColumn: col("student_no"),
    school: school.toArray(),
    lb: lb.toArray(),
    valid: valid.toArray(),
    students,
    names,
    problems: sink.problems,
    counts: sink.countEntries(),
  };
}
