/**
 * The CSV reader (data contract §2): delimiters, line breaks, quoting, row numbers as Excel
 * shows them, and records that straddle the chunks a file is read in.
 */
import { afterAll, describe, expect, it } from "vitest";
import { CsvParser, detectDelimiter, type Delimiter } from "../../src/pipeline/read/csv.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  ACTIVITIES,
  BASE_ACTIVITIES,
  BASE_STUDENTS,
  STUDENTS,
  activityRow,
  csv,
  headersOf,
  removeDataDirs,
  rosterCsv,
  student,
  writeDataDir,
} from "../helpers/dataDir.ts";

afterAll(removeDataDirs);

type Record = [row: number, cells: string[]];

/** Parses text fed in the given pieces; returns every record with its row number. */
function parse(pieces: readonly string[], delimiter?: Delimiter): Record[] {
  const out: Record[] = [];
  const parser = new CsvParser((cells, count, row) => {
    out.push([row, cells.slice(0, count)]);
  }, delimiter);
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return out;
}

async function validateRoster(content: string) {
  const dir = await writeDataDir({ [STUDENTS]: content });
  return validateData(dir, { keepRows: true });
}

describe("detectDelimiter", () => {
  it("picks comma, tab or semicolon, whichever the header line uses", () => {
    expect(detectDelimiter("学校标识码,学籍号,姓名")).toBe(",");
    expect(detectDelimiter("学校标识码\t学籍号\t姓名")).toBe("\t");
    expect(detectDelimiter("学校标识码;学籍号;姓名")).toBe(";");
  });

  it("ignores delimiters inside quoted header cells", () => {
    expect(detectDelimiter('"a;b;c;d",e,f')).toBe(",");
    expect(detectDelimiter('"a,b,c";d;e')).toBe(";");
  });
});

describe("reading a roster", () => {
  it.each([
    ["comma", ","],
    ["tab", "\t"],
    ["semicolon", ";"],
  ])("reads a %s-separated roster the same as the comma-separated one", async (_, delimiter) => {
    const reference = await validateRoster(rosterCsv(BASE_STUDENTS));
    const result = await validateRoster(rosterCsv(BASE_STUDENTS, { delimiter }));
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toEqual(reference.data.years[0]!.students);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });

  it("reads a semicolon-separated roster whose cells contain commas", async () => {
    const rows = [
      ...BASE_STUDENTS,
      student({ student_no: "G410102201803019991", class: "一年级,2班" }),
    ];
    const result = await validateRoster(rosterCsv(rows, { delimiter: ";" }));
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toHaveLength(rows.length);
  });

  it("reads CRLF and LF line breaks alike, with or without a final line break", async () => {
    const crlf = await validateRoster(rosterCsv(BASE_STUDENTS, { eol: "\r\n" }));
    const lf = await validateRoster(rosterCsv(BASE_STUDENTS, { eol: "\n" }));
    const noFinal = await validateRoster(rosterCsv(BASE_STUDENTS, { eol: "\n" }).trimEnd());
    expect(lf.problems).toEqual([]);
    expect(noFinal.problems).toEqual([]);
    expect(lf.data.years[0]!.students).toEqual(crlf.data.years[0]!.students);
    expect(noFinal.data.years[0]!.students).toEqual(crlf.data.years[0]!.students);
  });

  it("reads a roster saved with old Mac line breaks (CR only) like the CRLF one", async () => {
    const crlf = await validateRoster(rosterCsv(BASE_STUDENTS, { eol: "\r\n" }));
    const cr = await validateRoster(rosterCsv(BASE_STUDENTS, { eol: "\r" }));
    expect(cr.problems).toEqual([]);
    expect(cr.data.years[0]!.students).toEqual(crlf.data.years[0]!.students);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted cells", async () => {
    const summary = '师生一起做月饼，唱"中秋",\n晚上赏月。';
    const content = csv(headersOf("activities"), [
      activityRow({ summary, title: '"浓情中秋"活动, 第一场' }),
      BASE_ACTIVITIES[1]!,
    ]);
    expect(content).toContain('"师生一起做月饼，唱""中秋"",\n晚上赏月。"');
    const dir = await writeDataDir({ [ACTIVITIES]: content });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    const [first, second] = result.data.years[0]!.activities;
    // Free text is published as typed: the full-width comma "，" stays (other cells are NFKC).
    expect(summary.normalize("NFKC")).not.toBe(summary);
    expect(first).toMatchObject({
      summary,
      title: '"浓情中秋"活动, 第一场',
      row: 2,
    });
    // The quoted line break does not start a row of its own.
    expect(second!.row).toBe(3);
  });

  it("keeps full-width punctuation in free text but folds full-width digits in other cells", async () => {
    const title = "“浓情中秋”活动：做月饼（第一场）";
    const content = csv(headersOf("activities"), [
      activityRow({ title, lb_participants: "１２", summary: "　猜灯谜，送祝福。　" }),
      BASE_ACTIVITIES[1]!,
    ]);
    const dir = await writeDataDir({ [ACTIVITIES]: content });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    const [first] = result.data.years[0]!.activities;
    expect(first).toMatchObject({ title, summary: "猜灯谜，送祝福。", lb_participants: 12 });
  });

  it("numbers rows as Excel does: a multi-line cell is one row, a blank line is a row", async () => {
    const lines = rosterCsv(BASE_STUDENTS.slice(0, 2)).trimEnd().split("\r\n");
    const multiLine = rosterCsv([
      student({ student_no: "G410102201803019991", class: "一年级\n(1)班" }),
    ])
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .join("\r\n");
    const bad = student({ student_no: "G410102201803019992", sex: "未知" }).join(",");
    // Row 1 header, rows 2–3 base pupils, row 4 spans two lines, row 5 blank, row 6 bad.
    const content = [
      ...lines,
      multiLine,
      "",
      bad,
      ...BASE_STUDENTS.slice(2).map((r) => r.join(",")),
    ];
    const result = await validateRoster(`${content.join("\r\n")}\r\n`);
    expect(result.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["E_VALUE_INVALID", 6, "性别"],
    ]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length + 1);
  });

  it("counts blank lines before the header in the row numbers", async () => {
    const content = `\r\n\r\n${rosterCsv([student({ sex: "未知" })])}`;
    const dir = await writeDataDir({
      [STUDENTS]: content,
      [`${STUDENTS.replace("a.csv", "b.csv")}`]: rosterCsv(BASE_STUDENTS.slice(1)),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    expect(problems.map((p) => [p.code, p.file, p.row])).toEqual([
      ["E_VALUE_INVALID", STUDENTS, 4],
    ]);
  });

  it("reports a row with more cells than the header", async () => {
    const rows = BASE_STUDENTS.map((r, i) => (i === 2 ? [...r, "", "多余的内容"] : r));
    const result = await validateRoster(rosterCsv(rows));
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "E_ROW_TOO_MANY_CELLS",
        file: STUDENTS,
        row: 4,
        column: null,
        severity: "error",
      }),
    ]);
    expect(result.problems[0]!.message).toContain("19");
    // The row is not counted.
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length - 1);
  });

  it("accepts rows with trailing empty extra cells, as Excel writes them", async () => {
    const rows = BASE_STUDENTS.map((r) => [...r, "", "", " "]);
    const result = await validateRoster(rosterCsv(rows));
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });

  it("accepts a header with trailing empty cells and rows padded to match", async () => {
    const content = csv(
      [...headersOf("students"), "", ""],
      BASE_STUDENTS.map((r) => [...r, "", ""]),
    );
    const result = await validateRoster(content);
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.students).toHaveLength(BASE_STUDENTS.length);
  });

  it("reports an unclosed quote at the row where it opens, never crashing", async () => {
    const lines = rosterCsv(BASE_STUDENTS).trimEnd().split("\r\n");
    lines[3] = lines[3]!.replace("张小刚", '"张小刚');
    const result = await validateRoster(`${lines.join("\r\n")}\r\n`);
    const quote = result.problems.filter((p) => p.code === "E_QUOTE_UNCLOSED");
    expect(quote).toEqual([
      expect.objectContaining({ file: STUDENTS, row: 4, column: null, severity: "error" }),
    ]);
  });
});

describe("CsvParser", () => {
  const TEXT =
    'h1,h2,h3\r\na,"b,c","d""e"\r\n\r\n"multi\r\nline",x,\r\n"",,"q"\n中文,"""",𠮷\nlast,"x""",y';
  const EXPECTED: Record[] = [
    [1, ["h1", "h2", "h3"]],
    [2, ["a", "b,c", 'd"e']],
    [3, []],
    [4, ["multi\r\nline", "x", ""]],
    [5, ["", "", "q"]],
    [6, ["中文", '"', "𠮷"]],
    [7, ["last", 'x"', "y"]],
  ];

  /** A blank line may come out as no cells or as one empty cell: both are blank. */
  const blankAsEmpty = (records: Record[]): Record[] =>
    records.map(([row, cells]) => [row, cells.length === 1 && cells[0] === "" ? [] : cells]);

  it("parses quoted cells, doubled quotes, blank lines and a last line without a break", () => {
    expect(blankAsEmpty(parse([TEXT]))).toEqual(EXPECTED);
  });

  it("gives the same records wherever the text is split in two", () => {
    for (let i = 0; i <= TEXT.length; i++) {
      const records = blankAsEmpty(parse([TEXT.slice(0, i), TEXT.slice(i)]));
      expect(records, `split at ${i}`).toEqual(EXPECTED);
    }
  });

  it("gives the same records wherever the text is split in three", () => {
    for (let i = 0; i <= TEXT.length; i++) {
      for (let j = i; j <= TEXT.length; j++) {
        const pieces = [TEXT.slice(0, i), TEXT.slice(i, j), TEXT.slice(j)];
        const records = blankAsEmpty(parse(pieces));
        expect(records, `split at ${i} and ${j}`).toEqual(EXPECTED);
      }
    }
  });

  it("gives the same records when fed one character at a time", () => {
    expect(blankAsEmpty(parse([...TEXT]))).toEqual(EXPECTED);
  });

  it("detects the delimiter even when the header line arrives in pieces", () => {
    const text = "a;b;c\n1;2;3\n";
    for (let i = 0; i <= text.length; i++) {
      expect(parse([text.slice(0, i), text.slice(i)])).toEqual([
        [1, ["a", "b", "c"]],
        [2, ["1", "2", "3"]],
      ]);
    }
  });

  it("keeps text after a closing quote, as Excel does", () => {
    expect(parse(['a,"b"c,d\n'])).toEqual([[1, ["a", "bc", "d"]]]);
  });

  it("treats a quote inside an unquoted cell as text", () => {
    expect(parse(["身高,5'10\",x\n"])).toEqual([[1, ["身高", "5'10\"", "x"]]]);
  });

  it("throws an unclosed-quote error naming the row where the quote opened", () => {
    expect(() => parse(['a,b\n1,2\n3,"4\n5,6\n'])).toThrow(
      expect.objectContaining({ name: "CsvError", kind: "unclosed-quote", row: 3 }),
    );
  });
});
