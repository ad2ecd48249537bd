/**
 * Headers and cell values (data contract §2–§6): every accepted spelling of every column,
 * header and cell normalisation, and personal columns that never get past the reader.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main as checkMain } from "../../scripts/check.ts";
import { ProblemSink, type Problem } from "../../src/pipeline/problems.ts";
import {
  COLUMNS,
  PERSONAL_HEADERS,
  normalizeHeader,
  type FileKind,
} from "../../src/pipeline/read/headers.ts";
import { readTable } from "../../src/pipeline/read/readTable.ts";
import { renderCheckReportHtml } from "../../src/pipeline/report/checkReportHtml.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  ACTIVITIES,
  BASE_ACTIVITIES,
  BASE_CARE,
  BASE_SCHOOLS,
  BASE_SOCIAL,
  BASE_STUDENTS,
  CARE,
  SCHOOLS,
  SOCIAL,
  STUDENTS,
  careRow,
  csv,
  headersOf,
  removeDataDirs,
  rowOf,
  student,
  tempDir,
  writeDataDir,
} from "../helpers/dataDir.ts";

afterAll(removeDataDirs);

/** Where each kind lives in the base county, and its base rows. */
const FILES: Record<FileKind, { file: string; rows: string[][] }> = {
  schools: { file: SCHOOLS, rows: BASE_SCHOOLS.map((s) => rowOf("schools", s)) },
  students: { file: STUDENTS, rows: BASE_STUDENTS },
  care: { file: CARE, rows: BASE_CARE },
  activities: { file: ACTIVITIES, rows: BASE_ACTIVITIES },
  social: { file: SOCIAL, rows: BASE_SOCIAL },
};

/** The validated base county, rows kept, to compare parsed values against. */
let reference: Awaited<ReturnType<typeof validateData>> | null = null;
async function baseResult() {
  reference ??= await validateData(await writeDataDir(), { keepRows: true });
  return reference;
}

/** Validates the base county with one kind's header row replaced. */
async function withHeader(kind: FileKind, header: string[], rows = FILES[kind].rows) {
  const dir = await writeDataDir({ [FILES[kind].file]: csv(header, rows) });
  return validateData(dir, { keepRows: true });
}

const headerProblems = (problems: readonly Problem[]) =>
  problems.filter((p) => /^(E|W)_HEADER_|^W_PERSONAL/.test(p.code));

/** Every spelling a column accepts: the canonical header, the English key, the aliases. */
const SPELLINGS = (Object.keys(COLUMNS) as FileKind[]).flatMap((kind) =>
  COLUMNS[kind].flatMap((c, index) =>
    [c.header, c.key, ...c.aliases].map((spelling) => ({ kind, index, key: c.key, spelling })),
  ),
);

describe("header spellings", () => {
  for (const { kind, index, key, spelling } of SPELLINGS) {
    it(`recognises ${kind} column ${key} written as “${spelling}”`, async () => {
      const header = headersOf(kind);
      header[index] = spelling;
      const result = await withHeader(kind, header);
      expect(headerProblems(result.problems)).toEqual([]);
      expect(result.problems).toEqual([]);
      // The values parsed under this spelling are those parsed under the canonical header.
      expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
    });
  }

  it("has no spelling that names two columns of the same file kind", () => {
    for (const kind of Object.keys(COLUMNS) as FileKind[]) {
      const seen = new Map<string, string>();
      for (const c of COLUMNS[kind]) {
        for (const s of [c.header, c.key, ...c.aliases]) {
          const n = normalizeHeader(s).toLowerCase();
          expect(seen.get(n) ?? c.key, `${kind}: “${s}”`).toBe(c.key);
          seen.set(n, c.key);
        }
      }
    }
  });

  it("recognises English keys in any letter case", async () => {
    const header = COLUMNS.students.map((c, i) => (i % 2 ? c.key.toUpperCase() : c.key));
    const result = await withHeader("students", header);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
  });

  it("ignores a trailing * or ＊ that marks a required column", async () => {
    const header = headersOf("students").map((h, i) => (i % 2 ? `${h}*` : `${h}＊`));
    const result = await withHeader("students", header);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
  });

  it("trims spaces and U+3000 around headers", async () => {
    const pads = [" ", "\u3000", "  \u3000", "\u3000 "];
    const header = headersOf("students").map((h, i) => `${pads[i % 4]}${h}${pads[(i + 1) % 4]}`);
    header[1] = "\u3000学籍号 *\u3000";
    const result = await withHeader("students", header);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
  });

  it("accepts a unit in brackets after an amount or a count, as templates write it", async () => {
    const header = headersOf("social");
    header[5] = "折合金额（元）";
    header[6] = "受助留守儿童人数(人)";
    const result = await withHeader("social", header);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
  });

  it("accepts columns in any order", async () => {
    const order = headersOf("students")
      .map((_, i) => i)
      .reverse();
    const result = await withHeader(
      "students",
      order.map((i) => headersOf("students")[i]!),
      BASE_STUDENTS.map((r) => order.map((i) => r[i]!)),
    );
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]).toEqual((await baseResult()).data.years[0]);
  });
});

describe("cell values", () => {
  it("NFKC-normalises full-width digits, letters and hyphens and trims U+3000", async () => {
    const fw = (s: string) =>
      s.replace(/[0-9A-Za-z\-()]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const rows = BASE_STUDENTS.map((r) => r.map((cell) => `\u3000${fw(cell)} `));
    expect(rows[0]![1]).toBe("\u3000Ｇ４１０１０２２０１８０３０１１２３４ ");
    expect(rows[0]![4]).toBe("\u3000２０１８－０３－０１ ");
    const care = BASE_CARE.map((r) => r.map((cell) => `${fw(cell)}\u3000`));
    const dir = await writeDataDir({
      [STUDENTS]: csv(headersOf("students"), rows),
      [CARE]: csv(headersOf("care"), care),
    });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    const base = (await baseResult()).data.years[0]!;
    expect(result.data.years[0]!.students).toEqual(base.students);
    expect(result.data.years[0]!.care).toEqual(base.care);
  });

  it("reads a care date written with full-width digits and hyphens, ２０２４－０９－１０", async () => {
    const dir = await writeDataDir({
      [CARE]: csv(headersOf("care"), [
        careRow({ date: "２０２４－０９－１０" }),
        ...BASE_CARE.slice(1),
      ]),
    });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.care[0]!.date).toBe("2024-09-10");
  });

  it("skips rows whose cells are all empty or blank", async () => {
    const blank = headersOf("students").map(() => " \u3000");
    const rows = [
      BASE_STUDENTS[0]!,
      blank,
      headersOf("students").map(() => ""),
      ...BASE_STUDENTS.slice(1),
    ];
    const result = await withHeader("students", headersOf("students"), rows);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });
});

/** Personal values planted in columns the build must drop; none may come out anywhere. */
const PLANTED: Record<string, string> = {
  身份证件号: "410102201803019517",
  家庭住址: "测试县城关镇幸福路88号",
  联系电话: "13812345678",
  监护人姓名: "王大锤",
  监护人电话: "13987654321",
  监护人身份证件号: "41010219850505123X",
  现住址: "测试县河湾乡杨树村3组",
  出生地: "河南省郑州市金水区",
};

/** Every other personal header, with a distinct planted value of its own. */
const MORE_PLANTED = Object.fromEntries(
  PERSONAL_HEADERS.filter((h) => !(h in PLANTED)).map((h, i) => [
    h,
    `隐私值${String.fromCharCode(0x4e00 + i * 7)}${1000 + i}`,
  ]),
);
const ALL_PLANTED = { ...PLANTED, ...MORE_PLANTED };

/** The base county with every personal column added to the roster and the care file. */
function personalFiles() {
  const names = Object.keys(ALL_PLANTED);
  const values = Object.values(ALL_PLANTED);
  // One roster row with an error too, so that its row is quoted in problems.
  const roster = [...BASE_STUDENTS, student({ student_no: "G410102201803019991", sex: "未知" })];
  return {
    [STUDENTS]: csv(
      [...names.slice(0, 4), ...headersOf("students"), ...names.slice(4)],
      roster.map((r) => [...values.slice(0, 4), ...r, ...values.slice(4)]),
    ),
    [CARE]: csv(
      [...headersOf("care"), "监护人姓名", "联系电话"],
      BASE_CARE.map((r) => [...r, PLANTED.监护人姓名!, PLANTED.联系电话!]),
    ),
  };
}

/** JSON of anything, Maps and Sets included. */
function json(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v instanceof Map ? [...v] : v instanceof Set ? [...v] : v,
  );
}

function plantedIn(text: string): string[] {
  return Object.values(ALL_PLANTED).filter((v) => text.includes(v));
}

describe("personal columns", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("are dropped: their values appear neither in the rows nor in the problems", async () => {
    const dir = await writeDataDir(personalFiles());
    const result = await validateData(dir, { keepRows: true });
    const dropped = result.problems.filter((p) => p.code === "W_PERSONAL_COLUMNS_DROPPED");
    expect(dropped.map((p) => [p.file, p.row])).toEqual([
      [CARE, 1],
      [STUDENTS, 1],
    ]);
    for (const header of Object.keys(PLANTED)) expect(dropped[1]!.message).toContain(header);
    expect(result.problems.map((p) => p.code).sort()).toEqual([
      "E_VALUE_INVALID",
      "W_PERSONAL_COLUMNS_DROPPED",
      "W_PERSONAL_COLUMNS_DROPPED",
    ]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
    expect(plantedIn(json(result.data))).toEqual([]);
    expect(plantedIn(json(result.problems))).toEqual([]);
    expect(plantedIn(renderCheckReportHtml(result.problems, { dataLabel: dir }))).toEqual([]);
  });

  it("never reach the reader's callers", async () => {
    const dir = await writeDataDir(personalFiles());
    const seen: string[] = [];
    const sink = new ProblemSink();
    await readTable({
      kind: "students",
      path: path.join(dir, ...STUDENTS.split("/")),
      file: STUDENTS,
      problems: sink,
      onHeader: (h) => void seen.push(json(h)),
      onRow: (values) => void seen.push(json(values)),
    });
    expect(seen.length).toBe(BASE_STUDENTS.length + 2);
    expect(plantedIn(seen.join("\n"))).toEqual([]);
  });

  it("never appear in anything the check command prints or writes", async () => {
    const dir = await writeDataDir(personalFiles());
    const out = await tempDir();
    const printed: string[] = [];
    const capture = (chunk: unknown) => {
      printed.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    const jsonFile = path.join(out, "problems.json");
    const htmlFile = path.join(out, "report.html");
    const code = await checkMain(["--data", dir, "--json", jsonFile, "--html", htmlFile]);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    const written = [await readFile(jsonFile, "utf8"), await readFile(htmlFile, "utf8")];
    const report = JSON.parse(written[0]!) as Problem[];
    expect(report.map((p) => p.code)).toContain("W_PERSONAL_COLUMNS_DROPPED");
    expect(printed.join("")).toContain("W_PERSONAL_COLUMNS_DROPPED");
    expect(plantedIn(printed.join(""))).toEqual([]);
    expect(plantedIn(written.join("\n"))).toEqual([]);
  });
});
