/**
 * The year's workbook opened by another program: LibreOffice (Debian's
 * libreoffice-calc-nogui, headless) converts every sheet to CSV as it shows the cells, and
 * every published figure of every unit is there as the site shows it: counts, "已保护" with
 * the interval beside it, percentages with one decimal.
 */
import { execFileSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishData } from "../../src/pipeline/publishData.ts";
import type { PublishedYear } from "../../src/pipeline/publish/publishable.ts";
import { TOPICS, yearWorkbooks } from "../../src/pipeline/publish/yearWorkbook.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { generateSample, writeSampleFiles } from "../../src/sample/index.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";

const SOFFICE = "/usr/bin/soffice";

afterAll(removeDataDirs);

let year: PublishedYear;
/** Sheet name → rows of cells as LibreOffice shows them. */
const sheets = new Map<string, string[][]>();

beforeAll(async () => {
  const data = await tempDir();
  await writeSampleFiles(
    data,
    (await generateSample({ schools: 12, students: 3000, years: 1 })).files,
  );
  const checked = await validateData(data, { keepRows: true });
  const published = await publishData(checked.data);
  if (!published.ok) throw new Error("protection failed");
  year = published.years[0]!;
  const book = yearWorkbooks(published.years, "青岚县教育局")[0]!;
  const dir = await tempDir();
  const file = path.join(dir, "book.xlsx");
  await writeFile(file, book.content);
  // Every sheet (-1), UTF-8 (76), cells as shown; a profile of its own, so that other
  // LibreOffice processes on the machine do not get in the way.
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
      "--outdir",
      path.join(dir, "csv"),
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  for (const name of await readdir(path.join(dir, "csv"))) {
    const text = await readFile(path.join(dir, "csv", name), "utf8");
    const sheet = name.replace(/^book-/, "").replace(/\.csv$/, "");
    sheets.set(sheet, Papa.parse<string[]>(text.replace(/^\uFEFF/, "")).data);
  }
}, 300_000);

const sheetOf = (family: string) =>
  TOPICS.find((t) => t.holds(family) && sheets.has(t.sheet))!.sheet;

function columnOf(rows: string[][], title: string, label: string): number {
  let inTitle = false;
  for (let c = 4; c < rows[1]!.length; c++) {
    const top = rows[0]![c] ?? "";
    if (top !== "") inTitle = top === title;
    if (inTitle && rows[1]![c] === label) return c;
  }
  throw new Error(`no column ${title} / ${label}`);
}

describe("the year's workbook in LibreOffice", () => {
  it("opens with every sheet", () => {
    expect([...sheets.keys()].sort()).toEqual(
      ["说明", "在校生与留守儿童", "构成", "关爱覆盖", "关爱活动", "社会关爱"].sort(),
    );
    expect(sheets.get("说明")!.flat().join("")).toContain("已保护");
  });

  it("shows every figure of every unit on its sheet as the site does", () => {
    let checked = 0;
    for (const t of year.tables) {
      const rows = sheets.get(sheetOf(t.table))!;
      const r = rows.findIndex((row, i) => i >= 2 && row[2] === t.unitName);
      expect(r, t.unitName).toBeGreaterThan(1);
      for (const row of t.rows) {
        const c = columnOf(rows, t.title, row.label);
        const [cell, next, ratio] = [rows[r]![c], rows[r]![c + 1], rows[r]![c + 2]];
        const v = row.value;
        if (v.kind === "plain" || (v.kind === "count" && v.status === "published"))
          expect(Number(cell), t.id).toBe(v.value);
        else if (v.kind === "count" && v.status === "zero") expect(cell, t.id).toBe("0");
        else if (v.kind === "count" && v.status === "suppressed") {
          expect(cell, t.id).toBe("已保护");
          const [lo, hi] = v.interval;
          expect(next, t.id).toBe(Number.isFinite(hi) ? `${lo}–${hi}` : `≥${lo}`);
        } else expect(cell, t.id).toBe("未采集");
        if (row.ratio?.status === "published")
          expect(ratio, t.id).toBe(`${row.ratio.percent.toFixed(1)}%`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
