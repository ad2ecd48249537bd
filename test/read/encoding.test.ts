/**
 * Encodings (data contract §2): UTF-8 with or without BOM and GB18030 read the same; anything
 * else is a clear problem naming the file, never garbled text and never a crash.
 */
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { ProblemSink } from "../../src/pipeline/problems.ts";
import { readTable } from "../../src/pipeline/read/readTable.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  BASE_STUDENTS,
  STUDENTS,
  YEAR,
  removeDataDirs,
  rosterCsv,
  student,
  writeDataDir,
} from "../helpers/dataDir.ts";

afterAll(removeDataDirs);

/** The base roster plus rows that exercise decoding: a rare character, full-width text, a bad cell. */
const ROSTER = rosterCsv([
  ...BASE_STUDENTS,
  // 𠮷 is outside the BMP: four bytes in GB18030.
  student({ student_no: "G410102201803017771", name: "𠮷祥", class: "一年级（１）班" }),
  student({ student_no: "Ｇ４１０１０２２０１８０３０１７７７２", name: "欧阳　娜娜", sex: "女" }),
  student({ student_no: "G410102201803017773", name: "错误", sex: "未知" }),
]);

async function validateRoster(content: string | Buffer, keepRows = true) {
  const dir = await writeDataDir({ [STUDENTS]: content });
  return validateData(dir, { keepRows });
}

describe("the same roster in every accepted encoding", () => {
  it("gives identical rows and problems as UTF-8, UTF-8 with BOM and GB18030", async () => {
    const utf8 = await validateRoster(ROSTER);
    const bom = await validateRoster(`\uFEFF${ROSTER}`);
    const gb = await validateRoster(iconv.encode(ROSTER, "gb18030"));
    const year = (r: typeof utf8) => r.data.years[0]!;
    expect(year(utf8).students).toHaveLength(BASE_STUDENTS.length + 2);
    expect(year(bom).students).toEqual(year(utf8).students);
    expect(year(gb).students).toEqual(year(utf8).students);
    expect([...year(gb).names].sort()).toEqual([...year(utf8).names].sort());
    expect(year(utf8).names).toContain("𠮷祥");
    expect(bom.problems).toEqual(utf8.problems);
    expect(gb.problems).toEqual(utf8.problems);
    // The one planted problem, with its value decoded correctly.
    expect(utf8.problems).toEqual([
      expect.objectContaining({ code: "E_VALUE_INVALID", file: STUDENTS, row: 10, column: "性别" }),
    ]);
    expect(gb.problems[0]!.message).toContain("“未知”");
  });

  it("reads a GB18030 header written with aliases and a trailing *", async () => {
    const header = "学校代码*,全国学籍号*,学生姓名,性别*,出生日期*,年级*,班级名称,留守类型*";
    const rows = ["4101020001,G410102201803011234,王小明,男,2018/3/1,一年级,一(1)班,双亲留守"];
    const other = BASE_STUDENTS.slice(1)
      .map((r) => r.slice(0, 8).join(","))
      .join("\r\n");
    const result = await validateRoster(
      iconv.encode(`${header}\r\n${rows.join("\r\n")}\r\n${other}\r\n`, "gb18030"),
    );
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students[0]).toMatchObject({
      school_id: "4101020001",
      sex: "男",
      grade: 1,
      left_behind: "双亲留守儿童",
    });
  });

  it("decodes the same rows whatever the size of the chunks read", async () => {
    const dir = await writeDataDir({
      "utf8.csv": ROSTER,
      "gb.csv": iconv.encode(ROSTER, "gb18030"),
    });
    const read = async (name: string, chunkBytes: number) => {
      const rows: string[][] = [];
      const sink = new ProblemSink();
      const result = await readTable({
        kind: "students",
        path: path.join(dir, name),
        file: name,
        problems: sink,
        chunkBytes,
        onRow: (values, row) => rows.push([String(row), ...values]),
      });
      expect(sink.problems).toEqual([]);
      expect(result.ok).toBe(true);
      return rows;
    };
    const expected = await read("utf8.csv", 1 << 20);
    expect(expected).toHaveLength(BASE_STUDENTS.length + 3);
    for (const size of [1, 2, 3, 4, 5, 7, 64]) {
      expect(await read("utf8.csv", size)).toEqual(expected);
      expect(await read("gb.csv", size)).toEqual(expected);
    }
  });
});

describe("files that are not text in an accepted encoding", () => {
  /** The problems of the roster file only. */
  const rosterProblems = async (content: string | Buffer, name = STUDENTS) => {
    const dir = await writeDataDir({ [STUDENTS]: null, [name]: content });
    const result = await validateData(dir, { keepRows: true });
    return result.problems.filter((p) => p.file === name);
  };

  it("reports a UTF-8 file holding U+FFFD, naming the file", async () => {
    const text = rosterCsv([student({ name: "王\uFFFD明" })]);
    const problems = await rosterProblems(text);
    expect(problems).toEqual([
      expect.objectContaining({ code: "E_ENCODING_INVALID", file: STUDENTS, row: null }),
    ]);
    expect(problems[0]!.message).toContain("\uFFFD");
  });

  it("reports a file that starts in UTF-8 and continues in GB18030", async () => {
    const content = Buffer.concat([
      Buffer.from(rosterCsv(BASE_STUDENTS.slice(0, 2)), "utf8"),
      iconv.encode(
        rosterCsv(BASE_STUDENTS.slice(2)).split("\r\n").slice(1).join("\r\n"),
        "gb18030",
      ),
    ]);
    const problems = await rosterProblems(content);
    expect(problems.map((p) => [p.code, p.row])).toEqual([["E_ENCODING_INVALID", null]]);
  });

  it("reports a file that starts in GB18030 and continues in UTF-8", async () => {
    const content = Buffer.concat([
      iconv.encode(rosterCsv(BASE_STUDENTS.slice(0, 2)), "gb18030"),
      Buffer.from(rosterCsv(BASE_STUDENTS.slice(2)).split("\r\n").slice(1).join("\r\n"), "utf8"),
    ]);
    const problems = await rosterProblems(content);
    expect(problems.map((p) => [p.code, p.row])).toEqual([["E_ENCODING_INVALID", null]]);
  });

  it("reports a UTF-16 file (with BOM, little or big endian)", async () => {
    for (const enc of ["utf-16le", "utf-16be"]) {
      const problems = await rosterProblems(iconv.encode(ROSTER, enc, { addBOM: true }));
      expect(problems.map((p) => p.code)).toEqual(["E_ENCODING_INVALID"]);
      expect(problems[0]!.message).toContain("UTF-16");
    }
  });

  it("reports a UTF-16 file without BOM as not being text", async () => {
    const problems = await rosterProblems(iconv.encode(ROSTER, "utf-16le"));
    expect(problems).toHaveLength(1);
    expect(["E_FILE_BINARY", "E_ENCODING_INVALID"]).toContain(problems[0]!.code);
    expect(problems[0]!.severity).toBe("error");
  });

  it("reports a 0-byte file as empty", async () => {
    const problems = await rosterProblems(Buffer.alloc(0));
    expect(problems.map((p) => [p.code, p.severity, p.row])).toEqual([
      ["E_FILE_EMPTY", "error", null],
    ]);
  });

  it("warns about a file with a header only", async () => {
    const problems = await rosterProblems(rosterCsv([]));
    expect(problems.map((p) => [p.code, p.severity])).toEqual([["W_FILE_NO_ROWS", "warning"]]);
  });

  it("reports a file holding only a BOM as empty", async () => {
    const problems = await rosterProblems(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(problems.map((p) => p.code)).toEqual(["E_FILE_EMPTY"]);
  });

  it("reports a PNG renamed to .csv as not a CSV file", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]);
    const problems = await rosterProblems(png);
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([["E_FILE_BINARY", null, null]]);
  });

  it("reports an .xlsx (zip) renamed to .csv as an Excel workbook", async () => {
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004", "latin1"), Buffer.alloc(100, 0x41)]);
    const problems = await rosterProblems(zip);
    expect(problems.map((p) => p.code)).toEqual(["E_FILE_BINARY"]);
    expect(problems[0]!.message).toContain("Excel");
  });

  it("reports an old .xls renamed to .csv", async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41]);
    const problems = await rosterProblems(xls);
    expect(problems.map((p) => p.code)).toEqual(["E_FILE_BINARY"]);
  });

  it("reports arbitrary binary bytes without a known signature", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const problems = await rosterProblems(bytes);
    expect(problems).toHaveLength(1);
    expect(["E_FILE_BINARY", "E_ENCODING_INVALID"]).toContain(problems[0]!.code);
  });

  it("reports a broken .xlsx in students/ and still reads the CSV files next to it", async () => {
    const dir = await writeDataDir({
      [`${YEAR}/students/名单.xlsx`]: Buffer.from("PK\u0003\u0004"),
    });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "E_WORKBOOK_UNREADABLE",
        file: `${YEAR}/students/名单.xlsx`,
        row: null,
        severity: "error",
      }),
    ]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });
});
