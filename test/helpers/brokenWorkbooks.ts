/**
 * The self-check's broken school year (test/fixtures/selfcheck-broken) as schools send it
 * when they send workbooks: the same broken rows in .xlsx and .xls files (with a title row, a
 * hidden row, a hidden sheet, a 学籍号 stored as a number, date cells), next to the workbooks
 * that cannot be read (password-protected .xlsx and .xls, a zip bomb, CSV text named .xls,
 * two matching sheets, 0 bytes) and LibreOffice's .xls from test/fixtures/workbooks. The
 * unclosed quote stays a CSV file, so that CSV and workbooks are checked together.
 */
import { copyFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  dateCell,
  encryptedWorkbook,
  encryptedXls,
  rosterRows,
  workbook,
  zipBomb,
  type Cell,
} from "./workbooks.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BROKEN = path.join(ROOT, "test", "fixtures", "selfcheck-broken");
const YEAR = "2024-2025";

/** A CSV file's text: UTF-8 (with or without BOM), else GB18030. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Rows of a CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A valid ISO date as a date cell (as Excel keeps dates), anything else as text. */
function typed(header: string, value: string): Cell {
  const ms = ISO_DATE.test(value) ? Date.parse(value) : NaN;
  // 2018-02-30 is not a date, whatever Date.parse makes of it: it stays text.
  if (/日期/.test(header) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value))
    return dateCell(value);
  return value;
}

async function tableOf(file: string): Promise<Cell[][]> {
  const [header, ...rows] = csvRows(decode(await readFile(path.join(BROKEN, YEAR, file))));
  return [header!, ...rows.map((r) => r.map((v, c) => typed(header![c] ?? "", v)))];
}

/** Writes the broken year as workbooks into `dir` (a data folder: site.json and the year). */
export async function writeBrokenWorkbooks(dir: string): Promise<void> {
  const year = path.join(dir, YEAR);
  for (const sub of ["students", "care", "photos"])
    await mkdir(path.join(year, sub), { recursive: true });
  await copyFile(path.join(BROKEN, "site.json"), path.join(dir, "site.json"));
  await copyFile(path.join(BROKEN, YEAR, "schools.csv"), path.join(year, "schools.csv"));
  for (const photo of await readdir(path.join(BROKEN, YEAR, "photos")))
    await copyFile(path.join(BROKEN, YEAR, "photos", photo), path.join(year, "photos", photo));
  const put = (file: string, bytes: Buffer | string) => writeFile(path.join(year, file), bytes);

  // The first roster: a title and a blank row above the header, a hidden row, a hidden sheet
  // with an old list, and the first child's 学籍号 stored as a number (digits lost).
  const first = await tableOf("students/2151270101.csv");
  first[1]![1] = Number(String(first[1]![1]).slice(1));
  await put(
    "students/2151270101.xlsx",
    workbook([
      { name: "旧名单", rows: first.slice(0, 3), hidden: true },
      { name: "学生名单", rows: [["2151270101 学生名单"], [], ...first], hiddenRows: [6] },
    ]),
  );
  await put(
    "students/3151270301.xls",
    workbook([{ name: "名单", rows: await tableOf("students/3151270301.csv") }], "xls"),
  );
  await copyFile(
    path.join(ROOT, "test", "fixtures", "workbooks", "roster-hidden-row.xls"),
    path.join(year, "students", "roster-hidden-row.xls"),
  );
  await put("students/加密.xlsx", encryptedWorkbook());
  await put("students/加密.xls", encryptedXls());
  await put("students/压缩炸弹.xlsx", zipBomb());
  await put(
    "students/文本.xls",
    await readFile(path.join(BROKEN, YEAR, "students/3151270301.csv")),
  );
  await put(
    "students/两张名单.xlsx",
    workbook([
      { name: "一年级", rows: rosterRows() },
      { name: "二年级", rows: rosterRows() },
    ]),
  );
  await put("students/空白.xlsx", Buffer.alloc(0));

  await put(
    "care/锦城街道.xlsx",
    workbook([{ name: "关爱记录", rows: await tableOf("care/锦城街道.csv") }]),
  );
  await copyFile(path.join(BROKEN, YEAR, "care/龙泉镇.csv"), path.join(year, "care/龙泉镇.csv"));
  await put(
    "activities.xls",
    workbook([{ name: "关爱活动", rows: await tableOf("activities.csv") }], "xls"),
  );
  await put("social.xlsx", workbook([{ name: "社会关爱", rows: await tableOf("social.csv") }]));
}
