/**
 * The year's workbook for officials: one sheet per topic, units as rows in hierarchy order,
 * every figure exactly as published (a suppressed one as "已保护" with its interval), numbers
 * as numbers and percentages as formatted fractions. Made from the base county through the
 * real pipeline (validate → measure → protect → publish).
 */
import * as XLSX from "@e965/xlsx";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishData } from "../../src/pipeline/publishData.ts";
import type { PublishedYear } from "../../src/pipeline/publish/publishable.ts";
import { TOPICS, yearWorkbooks } from "../../src/pipeline/publish/yearWorkbook.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { generateSample, writeSampleFiles } from "../../src/sample/index.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";

const YEAR = "2024-2025";

afterAll(removeDataDirs);

let year: PublishedYear;
let bytes: Uint8Array;
let again: Uint8Array;
let wb: XLSX.WorkBook;

beforeAll(async () => {
  const dir = await tempDir();
  await writeSampleFiles(
    dir,
    (await generateSample({ schools: 12, students: 3000, years: 1 })).files,
  );
  const checked = await validateData(dir, { keepRows: true });
  const published = await publishData(checked.data);
  if (!published.ok) throw new Error("protection failed");
  const books = yearWorkbooks(published.years, "测试县教育局");
  expect(books.map((b) => b.path)).toEqual([`downloads/${YEAR}/留守儿童关爱统计-${YEAR}.xlsx`]);
  year = published.years[0]!;
  bytes = books[0]!.content;
  again = yearWorkbooks(published.years, "测试县教育局")[0]!.content;
  wb = XLSX.read(bytes, { type: "buffer", cellNF: true });
}, 120_000);

type Grid = (XLSX.CellObject | undefined)[][];
const grid = (sheet: string): Grid => {
  const ws = wb.Sheets[sheet]!;
  const range = XLSX.utils.decode_range(ws["!ref"]!);
  const out: Grid = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: (XLSX.CellObject | undefined)[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]);
    out.push(row);
  }
  return out;
};

/** The topic sheet a table family is on. */
const sheetOf = (family: string) => {
  const names = wb.SheetNames.slice(1);
  for (const t of TOPICS) if (t.holds(family) && names.includes(t.sheet)) return t.sheet;
  throw new Error(`no sheet for ${family}`);
};

/** Column index of a family's category on its sheet (title row 1, labels row 2). */
function columnOf(g: Grid, title: string, label: string): number {
  let inTitle = false;
  for (let c = 4; c < g[1]!.length; c++) {
    const top = g[0]![c]?.v;
    if (top !== undefined && top !== "") inTitle = top === title;
    if (inTitle && g[1]![c]?.v === label) return c;
  }
  throw new Error(`no column ${title} / ${label}`);
}

describe("the year's workbook", () => {
  it("has the explanation and then one sheet per topic", () => {
    expect(wb.SheetNames).toEqual([
      "说明",
      "在校生与留守儿童",
      "构成",
      "关爱覆盖",
      "关爱活动",
      "社会关爱",
    ]);
  });

  it("lists the units in hierarchy order, the region first, each township before its schools", () => {
    const g = grid("在校生与留守儿童");
    const units = g.slice(2).map((r) => [r[0]?.v, r[1]?.v ?? "", r[2]?.v, r[3]?.v ?? ""]);
    const region = year.units[0]!;
    expect(units[0]).toEqual(["全县", "", region.name, ""]);
    const expected: string[] = [];
    const visit = (id: string) => {
      const u = year.units.find((x) => x.id === id)!;
      expected.push(u.name);
      u.children.forEach(visit);
    };
    visit(region.id);
    expect(units.map((u) => u[2])).toEqual(expected);
    for (const u of units.filter((x) => x[0] === "学校")) expect(u[3]).toMatch(/^\d{10}$/);
  });

  it("writes every published figure as tables.json has it, suppressed ones as 已保护 with the interval", () => {
    let suppressed = 0;
    let percents = 0;
    for (const t of year.tables) {
      const g = grid(sheetOf(t.table));
      const r = g.findIndex((row, i) => i >= 2 && row[2]?.v === t.unitName);
      expect(r, t.unitName).toBeGreaterThan(1);
      for (const row of t.rows) {
        const c = columnOf(g, t.title, row.label);
        const cell = g[r]![c];
        const next = g[r]![c + 1];
        const v = row.value;
        if (v.kind === "plain" || (v.kind === "count" && v.status === "published")) {
          expect(cell?.t, t.id).toBe("n");
          expect(cell?.v, t.id).toBe(v.value);
        } else if (v.kind === "count" && v.status === "zero") {
          expect(cell?.v, t.id).toBe(0);
        } else if (v.kind === "count" && v.status === "suppressed") {
          suppressed++;
          expect(cell?.v, t.id).toBe("已保护");
          expect(next?.v, t.id).toBe(
            Number.isFinite(v.interval[1])
              ? `${v.interval[0]}–${v.interval[1]}`
              : `≥${v.interval[0]}`,
          );
        } else {
          expect(cell?.v, t.id).toBe("未采集");
        }
        if (row.ratio?.status === "published") {
          percents++;
          const p = g[r]![c + 2];
          expect(p?.t, t.id).toBe("n");
          expect(p?.v, t.id).toBeCloseTo(row.ratio.percent / 100, 10);
          expect(p?.z, t.id).toBe("0.0%");
        }
      }
    }
    // Both kinds occur in a county of twelve schools.
    expect(suppressed).toBeGreaterThan(0);
    expect(percents).toBeGreaterThan(0);
  });

  it("keeps the header rows and the unit columns in view, widths fitting Chinese text", () => {
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet2.xml"]!);
    expect(xml).toContain(
      '<pane xSplit="3" ySplit="2" topLeftCell="D3" activePane="bottomRight" state="frozen"/>',
    );
    const widths = [...xml.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)"/g)];
    // 单位: the longest unit name fits (a CJK character is two units wide).
    const longest = Math.max(...year.units.map((u) => u.name.length));
    expect(Number(widths[2]![2])).toBeGreaterThanOrEqual(longest * 2);
  });

  it("explains the marks and both definitions", () => {
    const text = grid("说明")
      .flat()
      .map((c) => String(c?.v ?? ""))
      .join("\n");
    for (const mark of ["已保护", "未采集", "不适用", "—", "教育统计口径", "国务院2016口径"])
      expect(text).toContain(mark);
    expect(text).toContain("测试县教育局");
  });

  it("is the same bytes for the same tables", () => {
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
