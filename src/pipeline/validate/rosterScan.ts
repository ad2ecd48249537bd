/**
 * Scans one roster file (or one part of it) through the row checker and the checks that
 * need only the school list: school known, grade offered by its 学段, age plausible for
 * the grade. What needs the whole year — duplicates, enrolment, links from care records —
 * is left to `mergeRosterScan`, which takes scans in file order. A scan is a plain object of
 * typed arrays, so it can be made in a worker thread and handed over cheaply.
 */
import { parseTable, type TableHeader } from "../read/parseTable.ts";
import type { Delimiter } from "../read/csv.ts";
import type { TableInput } from "../read/source.ts";
import { COLUMNS, type ColumnHeader } from "../read/headers.ts";
import { ProblemSink, type Problem } from "../problems.ts";
import { hash64, hashHi, hashLo } from "./keyTable.ts";
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
  /**
   * Absolute path of the file (opened by worker threads; the relative path where there is no
   * disk), and its path relative to the data folder.
   */
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

export const LB_UNKNOWN = 3;

/** Position of 年级 in the roster's cells (`COLUMNS.students` order). */
const GRADE_COLUMN = (COLUMNS.students as readonly ColumnHeader[]).findIndex(
  (c) => c.key === "grade",
);

/** Rows per batch handed from a scan to the merge. */
export const BATCH_ROWS = 1 << 16;

/**
 * A batch of roster entries, one per row with a readable 学籍号: typed arrays, so that a
 * worker can hand it over without copying. Memory stays flat: a scan keeps one batch.
 */
export interface RosterBatch {
  /** Entries in this batch (the arrays may be longer: they are reused). */
  length: number;
  /** Salted hash of the 学籍号. */
  hashHi: Int32Array;
  hashLo: Int32Array;
  /** Row number within the scanned part (the Excel row for a whole file). */
  row: Int32Array;
  /** Packed facts (see `packInfo`). */
  info: Int32Array;
  /** The characters a masked 学籍号 shows, MASK_BYTES per entry (see `packMask`). */
  mask: Uint8Array;
  /** Per entry, the student as later stages see it (only with keepRows; null if not valid). */
  students: (Student | null)[];
  names: string[];
}

/** What a scan reports once done. */
export interface RosterScanSummary {
  ok: boolean;
  encoding: string | null;
  /** Whether a quote character was met (then a parallel cut may be wrong). */
  quoted: boolean;
  records: number;
  rows: number;
  bytes: number;
  /** Header text of the 学籍号 column in this file. */
  studentNoColumn: string;
  problems: Problem[];
  counts: [string, number][];
  /** The sheet read from a workbook, as `ProblemSink.sheetEntries`. */
  sheets: [string, string][];
}

/** The buffers of a batch, for transferring it between threads. */
export function batchBuffers(batch: RosterBatch): ArrayBuffer[] {
  return [batch.hashHi, batch.hashLo, batch.row, batch.info, batch.mask].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Bytes per entry in `RosterBatch.mask`: the length, the first five and the last four characters. */
export const MASK_BYTES = 10;

/**
 * Keeps what `mask` shows of a parsed 学籍号 (ASCII letters and digits) in `MASK_BYTES`
 * bytes, so that a masked value can be quoted for a duplicate without keeping a string per row.
 */
export function packMask(no: string, out: Uint8Array, at: number): void {
  out[at] = Math.min(no.length, 255);
  for (let k = 0; k < 5; k++) out[at + 1 + k] = no.charCodeAt(k) || 0;
  for (let k = 0; k < 4; k++) out[at + 6 + k] = no.charCodeAt(no.length - 4 + k) || 0;
}

/** The masked 学籍号 of entry `i` of a batch (as `mask` would show it). */
export function unpackMask(bytes: Uint8Array, i: number): string {
  const at = i * MASK_BYTES;
  const length = bytes[at]!;
  const chars = (from: number, n: number) =>
    String.fromCharCode(...bytes.subarray(at + from, at + from + n));
  if (length >= 12) return `${chars(1, 5)}…${chars(6, 4)}`;
  return length >= 2 ? `${chars(1, 1)}…` : "…";
}

/**
 * Packs a row's facts into one int: valid (bit 0), left-behind code (bits 1–2: 0 非留守儿童,
 * 1 单亲留守儿童, 2 双亲留守儿童, 3 unknown), school + 1 (bits 3–).
 */
export function packInfo(valid: boolean, lb: number, school: number): number {
  return (valid ? 1 : 0) | (lb << 1) | ((school + 1) << 3);
}
export const infoValid = (info: number) => (info & 1) === 1;
export const infoLb = (info: number) => (info >> 1) & 3;
export const infoSchool = (info: number) => (info >> 3) - 1;

/**
 * Fills batches. Typed arrays are reused: `spare` holds arrays handed back by the consumer
 * (a worker's batches come back with the main thread's acknowledgement), so that scanning a
 * large file allocates no new buffers per batch and memory stays flat.
 */
class BatchBuilder {
  hashHi!: Int32Array;
  hashLo!: Int32Array;
  row!: Int32Array;
  info!: Int32Array;
  mask!: Uint8Array;
  students: (Student | null)[] = [];
  names: string[] = [];
  length = 0;

  constructor(private readonly spare: RosterBatch[]) {
    this.fresh();
  }

  private fresh(): void {
    const old = this.spare.pop();
    this.hashHi = old?.hashHi ?? new Int32Array(BATCH_ROWS);
    this.hashLo = old?.hashLo ?? new Int32Array(BATCH_ROWS);
    this.row = old?.row ?? new Int32Array(BATCH_ROWS);
    this.info = old?.info ?? new Int32Array(BATCH_ROWS);
    this.mask = old?.mask ?? new Uint8Array(BATCH_ROWS * MASK_BYTES);
  }

  take(): RosterBatch {
    const batch: RosterBatch = {
      length: this.length,
      hashHi: this.hashHi,
      hashLo: this.hashLo,
      row: this.row,
      info: this.info,
      mask: this.mask,
      students: this.students,
      names: this.names,
    };
    this.students = [];
    this.names = [];
    this.length = 0;
    this.fresh();
    return batch;
  }
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

/**
 * Scans a roster file or part (its bytes in `input`, a workbook only when read whole),
 * handing entries to `onBatch` in row order as batches fill.
 */
export async function scanRoster(
  job: RosterJob,
  input: TableInput,
  onBatch: (batch: RosterBatch) => void,
  onProgress?: (bytes: number, rows: number) => void,
  afterChunk?: () => Promise<void> | void,
  /**
   * Batches whose arrays may be filled again. Without it, `onBatch` is taken to be done with a
   * batch when it returns (a consumer in this thread), and the arrays are reused at once.
   */
  spare?: RosterBatch[],
): Promise<RosterScanSummary> {
  const { file, yearStart } = job;
  const sink = new ProblemSink();
  const schoolIndex = new Map(job.schools.map((s, i) => [s.id, i]));
  // Grades offered per school as a bit mask (bit g + 2 for grade g, 小班 = −2).
  const gradeMask = job.schools.map((s) =>
    GRADES_BY_LEVEL[s.level].reduce<number>((m, g) => m | (1 << (g + 2)), 0),
  );
  const cols = COLUMNS.students as readonly ColumnHeader[];
  const reuse: RosterBatch[] = spare ?? [];
  const batch = new BatchBuilder(reuse);
  const hand = (b: RosterBatch) => {
    onBatch(b);
    if (!spare) reuse.push(b);
  };
  let lastSchool: string | undefined;
  let lastSchoolIndex = -1;
  let check: RowChecker<"students"> | null = null;
  let header: TableHeader | null = null;
  const col = (key: string) => {
    const i = cols.findIndex((c) => c.key === key);
    return header?.written[i] ?? cols[i]!.header;
  };

  const result = await parseTable({
    kind: "students",
    chunks: input.chunks,
    ...(input.workbook ? { workbook: input.workbook } : {}),
    file,
    problems: sink,
    continuation: job.continuation,
    // Names are kept only to redact published text, and classes never: `check` skips both.
    skip: job.keepRows ? [] : ["name", "class"],
    onProgress,
    afterChunk,
    onHeader: (h) => {
      header = h;
      check = compileRowChecker("students", h, file, sink);
    },
    onRow: (values, rowNumber) => {
      const { row: s, complete } = check!(values, rowNumber);
      let ok = complete;
      // Rosters come school by school: the last school looked up is usually the next one.
      let si = -1;
      if (s.school_id === lastSchool) si = lastSchoolIndex;
      else if (s.school_id !== undefined) {
        si = schoolIndex.get(s.school_id) ?? -1;
        lastSchool = s.school_id;
        lastSchoolIndex = si;
      }
      if (s.school_id !== undefined && si < 0) {
        if (job.haveSchools) {
          sink.report("E_SCHOOL_UNKNOWN", file, rowNumber, col("school_id"), {
            value: s.school_id,
          });
        }
        ok = false;
      }
      if (si >= 0 && s.grade !== undefined && (gradeMask[si]! & (1 << (s.grade + 2))) === 0) {
        const ref = job.schools[si]!;
        // Quote the grade as written, with its school-order name when they differ ("初二").
        const written = values[GRADE_COLUMN]!;
        const label = GRADE_LABELS[s.grade];
        sink.report("E_GRADE_NOT_OFFERED", file, rowNumber, col("grade"), {
          value: written,
          extra: written === label ? undefined : label,
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
      const i = batch.length++;
      batch.hashHi[i] = hashHi | 0;
      batch.hashLo[i] = hashLo | 0;
      batch.row[i] = rowNumber;
      const t = s.left_behind;
      const lb =
        t === undefined ? LB_UNKNOWN : t === "非留守儿童" ? 0 : t === "单亲留守儿童" ? 1 : 2;
      batch.info[i] = packInfo(ok, lb, si);
      packMask(s.student_no, batch.mask, i * MASK_BYTES);
      if (job.keepRows) {
        if (ok) {
          const {
            student_no: _no,
            name,
            class: _class,
            birth_date: _birth,
            ...rest
          } = s as StudentRow;
          batch.students.push({ ...rest, age: age! });
          if (name) batch.names.push(name);
        } else batch.students.push(null);
      }
      if (batch.length === BATCH_ROWS) hand(batch.take());
    },
  });
  if (batch.length > 0) hand(batch.take());
  return {
    ok: result.ok,
    encoding: result.encoding,
    quoted: result.quoted,
    records: result.records,
    rows: result.rows,
    bytes: result.bytes,
    studentNoColumn: col("student_no"),
    problems: sink.problems,
    counts: sink.countEntries(),
    sheets: sink.sheetEntries(),
  };
}
