/**
 * Builds data folders for tests: a minimal, valid county ("the base") that each test changes
 * in one place, written into a fresh temporary folder.
 *
 * The base has one school year (2024-2025) with three schools (a 小学, an 初中 and a
 * 九年一贯制), one roster file in which every school has pupils, one care file, activities
 * with a photo, and social support. It validates without a single problem.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { COLUMNS } from "../../src/pipeline/read/headers.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import type { Problem } from "../../src/pipeline/problems.ts";

/** Contents of a data folder: relative path (forward slashes) → text (UTF-8) or bytes. */
export type Files = Record<string, string | Buffer>;

/** The fields of a problem in the JSON report, sorted: exactly these, no more. */
export const PROBLEM_FIELDS = ["code", "column", "file", "message", "row", "severity"];

export const YEAR = "2024-2025";
export const SCHOOLS = `${YEAR}/schools.csv`;
export const STUDENTS = `${YEAR}/students/a.csv`;
export const CARE = `${YEAR}/care/c.csv`;
export const ACTIVITIES = `${YEAR}/activities.csv`;
export const SOCIAL = `${YEAR}/social.csv`;
export const PHOTO = `${YEAR}/photos/zhongqiu.jpg`;

export const SITE_JSON = {
  title: "测试县留守儿童关爱数据公开平台",
  publisher: "测试县教育局",
  region: "测试县",
};

/** School ids of the base county. */
export const PRIMARY = "4101020001";
export const MIDDLE = "4101020002";
export const NINE_YEAR = "4101020003";

type Cells<K extends keyof typeof COLUMNS> = Partial<
  Record<(typeof COLUMNS)[K][number]["key"], string>
>;

/** Canonical Chinese headers of a file kind, in `COLUMNS` order. */
export function headersOf(kind: keyof typeof COLUMNS): string[] {
  return COLUMNS[kind].map((c) => c.header);
}

/** A row of a file kind in `COLUMNS` order from cells given by key ("" where not given). */
export function rowOf<K extends keyof typeof COLUMNS>(kind: K, cells: Cells<K>): string[] {
  return COLUMNS[kind].map((c) => (cells as Record<string, string | undefined>)[c.key] ?? "");
}

export const BASE_SCHOOLS: Cells<"schools">[] = [
  {
    school_id: PRIMARY,
    school_name: "测试县第一小学",
    county: "测试县",
    township: "城关镇",
    level: "小学",
    urban_rural: "111",
    has_care_home: "是",
    has_counseling_room: "是",
  },
  {
    school_id: MIDDLE,
    school_name: "测试县第一初级中学",
    county: "测试县",
    township: "城关镇",
    level: "初中",
    urban_rural: "121",
    has_care_home: "是",
    has_counseling_room: "否",
  },
  {
    school_id: NINE_YEAR,
    school_name: "河湾乡九年一贯制学校",
    county: "测试县",
    township: "河湾乡",
    level: "九年一贯制",
    urban_rural: "220",
    has_care_home: "否",
    has_counseling_room: "否",
  },
];

/** A valid roster row (a 双亲留守儿童 in 一年级 at the 小学) with some cells replaced. */
export function student(cells: Cells<"students"> = {}): string[] {
  return rowOf("students", {
    school_id: PRIMARY,
    student_no: "G410102201803011234",
    name: "王小明",
    sex: "男",
    birth_date: "2018-03-01",
    grade: "一年级",
    class: "一年级(1)班",
    left_behind: "双亲留守儿童",
    father_away: "是",
    mother_away: "是",
    home_parent_incapable: "否",
    carer: "祖辈",
    orphan: "否",
    disabled: "否",
    low_income: "否",
    single_parent_family: "否",
    boarding: "走读",
    ...cells,
  });
}

/** The base roster, rows 2…7 of students/a.csv. */
export const BASE_STUDENTS: string[][] = [
  student(),
  student({
    student_no: "G410102201707152345",
    name: "李小红",
    sex: "女",
    birth_date: "2017-07-15",
    grade: "二年级",
    class: "二年级(1)班",
    left_behind: "单亲留守儿童",
    father_away: "是",
    mother_away: "否",
    carer: "母亲",
    low_income: "是",
  }),
  student({
    student_no: "G410102201805203456",
    name: "张小刚",
    birth_date: "2018-05-20",
    class: "一年级(2)班",
    left_behind: "非留守儿童",
    father_away: "否",
    mother_away: "否",
    carer: "父亲",
  }),
  student({
    school_id: MIDDLE,
    student_no: "G410102201204104567",
    name: "赵小丽",
    sex: "女",
    birth_date: "2012-04-10",
    grade: "七年级",
    class: "七年级(1)班",
    boarding: "住校",
  }),
  student({
    school_id: MIDDLE,
    student_no: "G410102201111225678",
    name: "陈小军",
    birth_date: "2011-11-22",
    grade: "八年级",
    class: "八年级(2)班",
    left_behind: "非留守儿童",
    father_away: "否",
    mother_away: "否",
    carer: "母亲",
    boarding: "住校",
  }),
  student({
    school_id: NINE_YEAR,
    student_no: "G410102201509016789",
    name: "刘小燕",
    sex: "女",
    birth_date: "2015-09-01",
    grade: "四年级",
    class: "四年级(1)班",
    left_behind: "单亲留守儿童",
    father_away: "否",
    mother_away: "是",
    carer: "父亲",
  }),
];

/** A valid care row (for the first base student) with some cells replaced. */
export function careRow(cells: Cells<"care"> = {}): string[] {
  return rowOf("care", {
    date: "2024-09-10",
    school_id: PRIMARY,
    student_no: "G410102201803011234",
    care_type: "建档",
    staff: "周老师",
    note: "建立留守儿童档案",
    ...cells,
  });
}

export const BASE_CARE: string[][] = [
  careRow(),
  careRow({
    date: "2024-10-15",
    student_no: "G410102201707152345",
    care_type: "谈心",
    staff: "吴老师",
    note: "学习情况良好",
  }),
  careRow({
    date: "2024-11-20",
    school_id: MIDDLE,
    student_no: "G410102201204104567",
    care_type: "家访",
    staff: "郑老师",
    note: "",
  }),
];

/** A valid activity (at the 小学, with the base photo) with some cells replaced. */
export function activityRow(cells: Cells<"activities"> = {}): string[] {
  return rowOf("activities", {
    date: "2024-09-17",
    school_id: PRIMARY,
    title: "中秋节关爱活动",
    activity_type: "节日关爱",
    lb_participants: "12",
    participants: "30",
    summary: "师生一起做月饼、猜灯谜。",
    photos: "zhongqiu.jpg",
    photo_consent: "是",
    ...cells,
  });
}

export const BASE_ACTIVITIES: string[][] = [
  activityRow(),
  activityRow({
    date: "2025-03-12",
    school_id: "",
    county: "测试县",
    title: "全县留守儿童读书活动",
    activity_type: "读书",
    lb_participants: "40",
    participants: "100",
    summary: "各校同步开展读书分享。",
    photos: "",
    photo_consent: "",
  }),
];

/** A valid social-support row (at the 小学) with some cells replaced. */
export function socialRow(cells: Cells<"social"> = {}): string[] {
  return rowOf("social", {
    date: "2024-12-01",
    school_id: PRIMARY,
    donor: "测试县妇联",
    items: "冬衣",
    amount_yuan: "1.2万",
    beneficiaries: "20",
    ...cells,
  });
}

export const BASE_SOCIAL: string[][] = [
  socialRow(),
  socialRow({
    date: "2025-01-10",
    school_id: "",
    county: "测试县",
    donor: "某爱心企业",
    items: "图书",
    amount_yuan: "12,000",
    beneficiaries: "35",
  }),
];

export interface CsvOptions {
  delimiter?: string;
  eol?: string;
  bom?: boolean;
}

/** Quotes a cell when it has to be (delimiter, quote or line break in it), as Excel does. */
export function quoteCell(cell: string, delimiter = ","): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** CSV text from a header and rows. */
export function csv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  { delimiter = ",", eol = "\r\n", bom = false }: CsvOptions = {},
): string {
  const lines = [header, ...rows].map((r) => r.map((c) => quoteCell(c, delimiter)).join(delimiter));
  return `${bom ? "\uFEFF" : ""}${lines.join(eol)}${eol}`;
}

/** A roster file with the canonical header. */
export function rosterCsv(rows: readonly (readonly string[])[], options?: CsvOptions): string {
  return csv(headersOf("students"), rows, options);
}

/** A real 16×12 JPEG (made with sharp), so that the base county's photo can be published. */
export const JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAT/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwC0ASP/2Q==",
  "base64",
);

/** The first bytes of a JPEG and nothing else: a photo that cannot be decoded. */
export const BROKEN_JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00,
]);

/** The files of the base county. */
export function baseFiles(): Files {
  return {
    "site.json": `${JSON.stringify(SITE_JSON, null, 2)}\n`,
    [SCHOOLS]: csv(
      headersOf("schools"),
      BASE_SCHOOLS.map((s) => rowOf("schools", s)),
    ),
    [STUDENTS]: rosterCsv(BASE_STUDENTS),
    [CARE]: csv(headersOf("care"), BASE_CARE),
    [ACTIVITIES]: csv(headersOf("activities"), BASE_ACTIVITIES),
    [SOCIAL]: csv(headersOf("social"), BASE_SOCIAL),
    [PHOTO]: JPEG,
  };
}

const created: string[] = [];

/**
 * Writes a data folder into a fresh temporary folder and returns its path. `changes` are
 * applied over the base county (`null` removes a base file); pass `{ base: false }` to start
 * from nothing. Remove the folders with `removeDataDirs` (e.g. in `afterAll`).
 */
export async function writeDataDir(
  changes: Record<string, string | Buffer | null> = {},
  { base = true }: { base?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "lsrt-test-"));
  created.push(dir);
  const files: Record<string, string | Buffer | null> = {
    ...(base ? baseFiles() : {}),
    ...changes,
  };
  for (const [rel, content] of Object.entries(files)) {
    if (content === null) continue;
    const abs = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return dir;
}

/** Creates an empty temporary folder (e.g. for reports written outside the data folder). */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "lsrt-test-out-"));
  created.push(dir);
  return dir;
}

/** Removes every folder made by `writeDataDir` and `tempDir` so far. */
export async function removeDataDirs(): Promise<void> {
  const dirs = created.splice(0);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** Validates a data folder built from `changes` over the base county (rows not kept). */
export async function check(
  changes: Record<string, string | Buffer | null> = {},
  options: { base?: boolean; keepRows?: boolean } = {},
) {
  const dir = await writeDataDir(changes, { base: options.base });
  return validateData(dir, { keepRows: options.keepRows ?? false });
}

/** The problems of one code. */
export function withCode(problems: readonly Problem[], code: string): Problem[] {
  return problems.filter((p) => p.code === code);
}

/** The one problem of a code; fails when there is none or more than one. */
export function only(problems: readonly Problem[], code: string): Problem {
  const found = withCode(problems, code);
  if (found.length !== 1) {
    const codes = problems.map((p) => `${p.code}@${p.file}:${p.row}`).join(", ");
    throw new Error(`expected exactly one ${code}, found ${found.length}: [${codes}]`);
  }
  return found[0]!;
}

/** A validation result with problems found by a later stage (photos, redaction) added in. */
export function withProblems(
  result: ValidationResult,
  added: readonly Problem[],
): ValidationResult {
  const problems = [...result.problems, ...added];
  const fileTotals = new Map(result.fileTotals);
  for (const p of added) {
    const t = { ...(fileTotals.get(p.file) ?? { errors: 0, warnings: 0 }) };
    if (p.severity === "error") t.errors++;
    else t.warnings++;
    fileTotals.set(p.file, t);
  }
  return {
    ...result,
    problems,
    errors: problems.filter((p) => p.severity === "error").length,
    warnings: problems.filter((p) => p.severity === "warning").length,
    fileTotals,
  };
}
