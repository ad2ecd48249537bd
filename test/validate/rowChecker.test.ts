/**
 * The compiled row checker is a fast path for the zod schema: for any row, both must agree on
 * whether it is valid and, when it is, on the parsed values; when it is not, the problems
 * reported are zod's issues.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemSink } from "../../src/pipeline/problems.ts";
import { COLUMNS, type ColumnHeader, type FileKind } from "../../src/pipeline/read/headers.ts";
import { compileRowChecker } from "../../src/pipeline/validate/rowChecker.ts";
import { ROW_SCHEMAS, type IssueParams } from "../../src/pipeline/validate/schemas.ts";

/** Valid spellings and wrong values of a column. */
interface Cells {
  ok: string[];
  bad: string[];
}

const YES_NO: Cells = {
  ok: ["是", "否", "1", "0", "有", "无", "Y", "N"],
  bad: ["对", "2", "不详"],
};

/** Cells per column: valid spellings, near misses and outright wrong values. */
const CELLS: Record<FileKind, Record<string, Cells>> = {
  schools: {},
  students: {
    school_id: {
      ok: ["4101020001", "4101020002"],
      bad: ["410102000", "4.10102E+09", "41010200O1"],
    },
    student_no: {
      ok: ["G410102201803011234", "J41010220180301123X", "G410102201803107000", "XS2024001"],
      bad: ["G410102201803011000", "4.10101E+17", "12345", "G-1"],
    },
    name: { ok: ["王小明", "欧阳娜娜", "𠮷祥", "x"], bad: [] },
    sex: { ok: ["男", "女", "1", "2", "男性"], bad: ["3", "未知"] },
    birth_date: {
      ok: ["2018-03-01", "2018/3/1", "2018.3.1", "20180301", "2018年3月1日", "43160", "2016-02-29"],
      bad: ["2018-02-29", "2018-13-01", "昨天"],
    },
    grade: { ok: ["一年级", "初一", "初中三年级", "9", "1", "小班"], bad: ["十年级", "0", "高一"] },
    class: { ok: ["一年级(1)班", "复式班", "1"], bad: [] },
    left_behind: {
      ok: ["非留守儿童", "单亲留守儿童", "双亲留守儿童", "双亲 留守", "0", "1", "2"],
      bad: ["3", "是"],
    },
    father_away: YES_NO,
    mother_away: YES_NO,
    home_parent_incapable: YES_NO,
    carer: {
      ok: ["父亲", "母亲", "祖辈", "祖父母", "外祖父母", "其他亲属", "无人照护"],
      bad: ["邻居"],
    },
    orphan: YES_NO,
    disabled: { ok: ["是", "否", "无残疾", "视力残疾", "多重残疾"], bad: ["轻微"] },
    low_income: YES_NO,
    single_parent_family: YES_NO,
    boarding: { ok: ["走读", "住校", "住宿", "1", "2"], bad: ["3"] },
  },
  care: {},
  activities: {
    date: { ok: ["2024-09-17", "2024/9/17", "45552"], bad: ["2024-02-30"] },
    school_id: { ok: ["4101020001"], bad: ["123"] },
    county: { ok: ["测试县"], bad: ["县".repeat(31)] },
    title: { ok: ["中秋节关爱活动"], bad: ["读".repeat(81)] },
    activity_type: { ok: ["节日关爱", "读书"], bad: ["郊游"] },
    lb_participants: { ok: ["12", "0", "1,200"], bad: ["十二", "-1"] },
    participants: { ok: ["30", "5", "12"], bad: ["多"] },
    summary: { ok: ["师生一起做月饼。"], bad: ["简".repeat(2001)] },
    photos: { ok: ["a.jpg", "a.jpg;b.jpg", ";"], bad: [] },
    photo_consent: YES_NO,
  },
  social: {
    date: { ok: ["2024-12-01", "2024年12月1日"], bad: ["2024-12-32"] },
    school_id: { ok: ["4101020001"], bad: ["410102"] },
    county: { ok: ["测试县"], bad: [] },
    donor: { ok: ["测试县妇联"], bad: ["单".repeat(81)] },
    items: { ok: ["冬衣"], bad: ["物".repeat(201)] },
    amount_yuan: { ok: ["1.2万", "12,000", "12000元"], bad: ["若干", "-5"] },
    beneficiaries: { ok: ["20"], bad: ["二十"] },
  },
};

/**
 * A row of cells for a kind. Half the rows use only valid spellings (row rules may still
 * fail them); the others mix in empty cells, wrong values and arbitrary strings.
 */
function rowArbitrary(kind: FileKind) {
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  const row = (clean: boolean) =>
    fc.tuple(
      ...columns.map((c) => {
        const { ok, bad } = CELLS[kind][c.key]!;
        const choices = [
          { weight: 8, arbitrary: fc.constantFrom(...ok) },
          ...(c.required && clean ? [] : [{ weight: 1, arbitrary: fc.constant("") }]),
          ...(clean || bad.length === 0 ? [] : [{ weight: 1, arbitrary: fc.constantFrom(...bad) }]),
          ...(clean
            ? []
            : [{ weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => s.trim()) }]),
        ];
        return fc.record({
          // Required columns are always present: a missing one stops the file before any row.
          present: c.required ? fc.constant(true) : fc.boolean(),
          value: fc.oneof(...choices),
        });
      }),
    );
  return fc.oneof(row(true), row(false));
}

/** The row the reader would hand over: "" for absent columns and empty cells. */
function toValues(cells: readonly { present: boolean; value: string }[]): string[] {
  return cells.map((c) => (c.present ? c.value : ""));
}

/** What zod says about the same row, given the same way the checker's slow path gives it. */
function zodParse(kind: FileKind, cells: readonly { present: boolean; value: string }[]) {
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  const input: Record<string, string | undefined> = {};
  columns.forEach((c, i) => {
    const cell = cells[i]!;
    if (!cell.present) return;
    input[c.key] = cell.value === "" && !c.required ? undefined : cell.value;
  });
  return ROW_SCHEMAS[kind].safeParse(input);
}

/** Checks agreement on `runs` random rows; returns how many were valid. */
function checkAgreement(kind: FileKind, runs: number): number {
  const columns = COLUMNS[kind] as readonly ColumnHeader[];
  let valid = 0;
  fc.assert(
    fc.property(rowArbitrary(kind), (cells) => {
      const written = cells.map((c, i) => (c.present ? columns[i]!.header : null));
      const sink = new ProblemSink();
      const check = compileRowChecker(kind, { kind, written }, "t.csv", sink);
      const checked = check(toValues(cells), 2);
      const zod = zodParse(kind, cells);
      expect(checked.complete).toBe(zod.success);
      if (zod.success) {
        valid++;
        expect(sink.problems).toEqual([]);
        expect({ ...checked.row }).toEqual(zod.data);
      } else {
        const codes = zod.error.issues.map((i) => (i as { params?: IssueParams }).params?.code);
        expect(sink.problems.map((p) => p.code)).toEqual(codes);
        expect(sink.problems.every((p) => p.row === 2 && p.file === "t.csv")).toBe(true);
      }
    }),
    { seed: 20240901, numRuns: runs },
  );
  return valid;
}

describe("compileRowChecker", () => {
  it("agrees with zod's safeParse on ROW_SCHEMAS.students for random rows", () => {
    const valid = checkAgreement("students", 3000);
    // Both outcomes are exercised often.
    expect(valid).toBeGreaterThan(3000 / 10);
    expect(valid).toBeLessThan(3000 * 0.9);
  });

  it("agrees with zod on activities, row rules included", () => {
    const valid = checkAgreement("activities", 1500);
    // Both outcomes are exercised often.
    expect(valid).toBeGreaterThan(1500 / 10);
    expect(valid).toBeLessThan(1500 * 0.9);
  });

  it("agrees with zod on social support rows", () => {
    const valid = checkAgreement("social", 1000);
    // Both outcomes are exercised often.
    expect(valid).toBeGreaterThan(1000 / 10);
    expect(valid).toBeLessThan(1000 * 0.9);
  });

  it("returns the cells that parsed when a row fails, so later checks can still use them", () => {
    const sink = new ProblemSink();
    const written = COLUMNS.students.map((c) => c.header);
    const check = compileRowChecker("students", { kind: "students", written }, "t.csv", sink);
    const values = COLUMNS.students.map(() => "");
    Object.assign(values, {
      0: "4101020001",
      1: "G410102201803011234",
      3: "未知",
      4: "2018-03-01",
      5: "一年级",
      7: "双亲留守儿童",
    });
    const checked = check(values, 9);
    expect(checked.complete).toBe(false);
    expect(checked.row).toMatchObject({
      school_id: "4101020001",
      student_no: "G410102201803011234",
      grade: 1,
      left_behind: "双亲留守儿童",
    });
    expect(checked.row.sex).toBeUndefined();
    expect(sink.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["E_VALUE_INVALID", 9, "性别"],
    ]);
  });
});

describe("compileRowChecker without code generation (the self-check page's strict CSP)", () => {
  const flags = globalThis as { LSRT_NO_CODEGEN?: boolean };
  beforeAll(() => void (flags.LSRT_NO_CODEGEN = true));
  afterAll(() => void delete flags.LSRT_NO_CODEGEN);

  it("agrees with zod on roster rows, running the same steps as a loop", () => {
    const valid = checkAgreement("students", 1500);
    expect(valid).toBeGreaterThan(1500 / 10);
    expect(valid).toBeLessThan(1500 * 0.9);
  });

  it("agrees with zod on activities, row rules included", () => {
    const valid = checkAgreement("activities", 800);
    expect(valid).toBeGreaterThan(800 / 10);
    expect(valid).toBeLessThan(800 * 0.9);
  });
});
