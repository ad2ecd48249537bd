/**
 * The year's roster, merged from scan batches: every 学籍号 as a salted hash, the facts of
 * its first occurrence, and the duplicates. Batches may arrive out of order (parts of a file
 * scanned in parallel): the occurrence with the smallest (file, part, row) is the first,
 * whatever came in first, so the result is the same as one reader going through the files
 * in order. Rows are numbered within their part until `finish` is told each part's offset.
 */
import type { ProblemSink } from "../problems.ts";
import { IntColumn, KeyTable } from "./keyTable.ts";
import { infoLb, infoSchool, infoValid, unpackMask, type RosterBatch } from "./rosterScan.ts";
import type { Student } from "./validateYear.ts";

/**
 * A copy of a 学籍号 seen before: its position (file and part packed as file * MAX_PARTS +
 * part, and the row in its part) and the table entry whose first occurrence it repeats —
 * looked up only at the end, since an earlier occurrence may still arrive from another part.
 */
interface Duplicate {
  at: number;
  row: number;
  masked: string;
  entry: number;
}

/** Most parts a file is cut into. */
export const MAX_PARTS = 256;

export class RosterMerger {
  private readonly table: KeyTable;
  private readonly info: IntColumn;
  /** file * MAX_PARTS + part of the first occurrence. */
  private readonly at: IntColumn;
  private readonly row: IntColumn;
  /** Index into `students`, or -1 (only when rows are kept). */
  private readonly studentIndex = new IntColumn();
  private readonly duplicates: Duplicate[] = [];
  /**
   * The valid students in file and row order (rows are only kept by a reader going through
   * the files in order, so no occurrence ever replaces an earlier-arrived one here).
   */
  readonly students: Student[] = [];
  readonly names = new Set<string>();

  constructor(
    /** Roster files of the year (relative paths), indexed by file number. */
    private readonly files: readonly string[],
    /** Expected number of entries, to size the tables once (see `estimateRows`). */
    expected = 1 << 14,
  ) {
    const capacity = Math.ceil(expected * 1.05);
    this.table = new KeyTable(capacity);
    this.info = new IntColumn(capacity);
    this.at = new IntColumn(capacity);
    this.row = new IntColumn(capacity);
  }

  /** Takes a batch from part `part` (0 for a whole file) of file `fileIdx`. */
  add(fileIdx: number, part: number, batch: RosterBatch): void {
    if (part >= MAX_PARTS) throw new Error(`too many parts: ${part}`);
    const at = fileIdx * MAX_PARTS + part;
    // Students come only when rows are kept; reading past an empty array is slow in V8.
    const kept = batch.students.length > 0;
    const n = batch.length;
    for (let i = 0; i < n; i++) {
      const row = batch.row[i]!;
      const first = this.table.addHash(batch.hashHi[i]! >>> 0, batch.hashLo[i]! >>> 0);
      const student = kept ? batch.students[i]! : null;
      if (first < 0) {
        this.info.push(batch.info[i]!);
        this.at.push(at);
        this.row.push(row);
        if (kept) this.studentIndex.push(student ? this.students.push(student) - 1 : -1);
        continue;
      }
      const masked = unpackMask(batch.mask, i);
      const a = this.at.at(first);
      const r = this.row.at(first);
      if (a < at || (a === at && r < row)) {
        this.duplicates.push({ at, row, masked, entry: first });
      } else {
        // This occurrence comes earlier in the files: it is the first, the stored one the copy.
        this.duplicates.push({ at: a, row: r, masked, entry: first });
        this.info.set(first, batch.info[i]!);
        this.at.set(first, at);
        this.row.set(first, row);
        if (kept) this.studentIndex.set(first, student ? this.students.push(student) - 1 : -1);
      }
    }
    for (const name of batch.names) this.names.add(name);
  }

  /**
   * Reports every duplicate in file and row order, once the row offset of every part is known
   * (`offsets[file][part]`: rows before the part). `column` gives each file's 学籍号 header.
   */
  reportDuplicates(
    problems: ProblemSink,
    offsets: readonly (readonly number[])[],
    column: (fileIdx: number) => string,
  ): void {
    const where = (at: number, row: number) => {
      const file = Math.floor(at / MAX_PARTS);
      return { file, row: row + (offsets[file]?.[at % MAX_PARTS] ?? 0) };
    };
    const list = this.duplicates.map((d) => ({
      masked: d.masked,
      copy: where(d.at, d.row),
      first: where(this.at.at(d.entry), this.row.at(d.entry)),
    }));
    list.sort((a, b) => a.copy.file - b.copy.file || a.copy.row - b.copy.row);
    for (const d of list) {
      const file = this.files[d.copy.file]!;
      problems.report("E_STUDENT_NO_DUPLICATE", file, d.copy.row, column(d.copy.file), {
        value: d.masked,
        extra: `第一次出现在 ${this.files[d.first.file]} 第 ${d.first.row} 行`,
      });
    }
  }

  /** Valid pupils and left-behind pupils per school index. */
  enrolment(schools: number): { pupils: number; leftBehind: number }[] {
    const out = Array.from({ length: schools }, () => ({ pupils: 0, leftBehind: 0 }));
    for (let i = 0; i < this.info.length; i++) {
      const info = this.info.at(i);
      if (!infoValid(info)) continue;
      const counts = out[infoSchool(info)]!;
      counts.pupils++;
      if (infoLb(info) !== 0) counts.leftBehind++;
    }
    return out;
  }

  /** The roster entry of a 学籍号 (hashed by the caller's `KeyTable.get`), or -1. */
  lookup(studentNo: string): number {
    return this.table.get(studentNo);
  }
  lbOf(entry: number): number {
    return infoLb(this.info.at(entry));
  }
  schoolOf(entry: number): number {
    return infoSchool(this.info.at(entry));
  }
  /** Index into `students` of a valid entry (rows kept), or -1. */
  studentOf(entry: number): number {
    return entry < this.studentIndex.length ? this.studentIndex.at(entry) : -1;
  }
}
