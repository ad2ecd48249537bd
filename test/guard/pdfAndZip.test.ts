/**
 * The privacy guard on the downloads that `npm run pdf` makes: the text a PDF's pages show
 * (not just its bytes), its properties, and every entry of a zip, each named in the hit. A
 * PDF or zip that cannot be read is reported, never passed. The PDFs are written by hand
 * (test/helpers/minimalPdf.ts), so no browser is needed.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatHits,
  makeSecrets,
  scanOutput,
  type GuardHit,
} from "../../src/pipeline/guard/privacyGuard.ts";
import { summaryDocx } from "../../src/pdf/summaryDocx.ts";
import { idCheckChar } from "../../src/pipeline/validate/values.ts";
import { writeXlsx, type XlsxSheet } from "../../src/pipeline/xlsxWriter.ts";
import { minimalPdf } from "../helpers/minimalPdf.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function scan(files: Record<string, Uint8Array | string>): Promise<GuardHit[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "lsrt-guard-pdf-"));
  dirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return scanOutput(dir, SECRETS);
}

const where = (hits: readonly GuardHit[]) => hits.map((h) => `${h.file}:${h.kind}`);

const ID_FIRST17 = "41010220180301123";
const VALID_ID = ID_FIRST17 + idCheckChar(ID_FIRST17);
const SECRETS = makeSecrets({ names: ["王小明", "马小红", "黄青"] });

/** A clean summary page: statistics, school codes, school years, a date. */
const CLEAN_LINES = [
  "青岚县2024-2025学年留守儿童关爱工作统计摘要",
  "全县共有学校 3 所，在校学生 1,234 人，其中留守儿童 456 人（36.9%）。",
  "学校标识码 4101020001 青岚县第一小学 12 人；数据截至 2025-07-31。",
];
const CLEAN_PDF = minimalPdf({
  pages: [{ cjk: CLEAN_LINES }, { ascii: ["School 4101020001: 12, 30, 456 (36.9%)"] }],
  info: { Title: "Summary", Producer: "Skia/PDF m150" },
});

const ZIP_PATH = "downloads/2024-2025/lsrt-2024-2025.zip";
const CSV_HEADER = "\uFEFF单位代码,单位,表,类别,数值\r\n";
const CLEAN_CSV = `${CSV_HEADER}4101020001,青岚县第一小学,留守类型,双亲留守儿童,12\r\n`;
/** Fixed entry times, as `npm run pdf` writes them. */
const MTIME = new Date(1980, 0, 1);

function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, content]) => [
        name,
        [typeof content === "string" ? strToU8(content) : content, { mtime: MTIME }],
      ]),
    ),
  );
}

describe("scanOutput on PDFs", () => {
  it("finds a roster name that a page shows", async () => {
    const pdf = minimalPdf({ pages: [{ cjk: ["本学期王小明同学表现突出。"] }] });
    const hits = await scan({ "downloads/2024-2025/summary-region.pdf": pdf });
    expect(hits).toEqual([
      { file: "downloads/2024-2025/summary-region.pdf", kind: "name", excerpt: "王＊＊" },
    ]);
  });

  it("finds an ID number on a page, also on a later page", async () => {
    const pdf = minimalPdf({ pages: [{ ascii: ["Page 1"] }, { ascii: [`No. ${VALID_ID}`] }] });
    expect(where(await scan({ "a.pdf": pdf }))).toEqual(["a.pdf:id-number"]);
  });

  it("finds a name that the PDF wrote with radicals, as Chromium does for 马 and 黄", async () => {
    const radicals: Record<string, string> = { 马: "⻢", 小: "⼩", 黄: "⻩", 青: "⻘" };
    const pdf = minimalPdf({
      pages: [{ cjk: ["马小红和黄青"] }],
      written: (c) => radicals[c] ?? c,
    });
    const hits = await scan({ "a.pdf": pdf });
    expect(hits.map((h) => h.excerpt).sort()).toEqual(["马＊＊", "黄＊＊"].sort());
  });

  it("finds a name broken over two lines, but joins no digits of separate lines into a number", async () => {
    // A chart's value labels, each on a line of its own, and a name at a line break.
    const pdf = minimalPdf({
      pages: [
        { ascii: ["139", "1234", "5678", "13912345678"], cjk: ["本学期王小", "明同学表现突出"] },
      ],
    });
    const hits = await scan({ "a.pdf": pdf });
    expect(hits.map((h) => `${h.kind}:${h.excerpt}`).sort()).toEqual(
      ["mobile:139＊＊＊＊", "name:王＊＊"].sort(),
    );
    const labels = minimalPdf({ pages: [{ ascii: ["139", "1234", "5678", "Total"] }] });
    expect(await scan({ "b.pdf": labels })).toEqual([]);
  });

  it("finds a name in the document properties, which are not in the page text", async () => {
    // UTF-16BE with a byte-order mark, as PDF writers store non-Latin titles.
    const title = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from("王小明", "utf16le").swap16(),
    ]);
    const pdf = minimalPdf({ pages: [{ ascii: ["Summary"] }], info: { Title: title } });
    expect(where(await scan({ "a.pdf": pdf }))).toEqual(["a.pdf:name"]);
  });

  it("passes a clean summary", async () => {
    expect(await scan({ "downloads/2024-2025/summary-region.pdf": CLEAN_PDF })).toEqual([]);
  });

  it("reports a PDF that it cannot read, in a Chinese line", async () => {
    const damaged = Buffer.concat([CLEAN_PDF.subarray(0, 200), Buffer.from("garbage")]);
    const hits = await scan({ "a.pdf": damaged, "b.pdf": "not a pdf at all" });
    expect(where(hits)).toEqual(["a.pdf:unreadable", "b.pdf:unreadable"]);
    expect(formatHits(hits, "dist").split("\n")[0]).toBe(
      "[隐私检查] dist/a.pdf：无法读取这个 PDF 文件（已损坏、加密或不是 PDF），不能确认其中没有个人信息",
    );
  });
});

describe("scanOutput on zips", () => {
  it("finds a mobile number in a CSV inside a zip and names the entry", async () => {
    const bundle = zip({
      "summary-region.pdf": CLEAN_PDF,
      "data/2024-2025/enr.csv": `${CLEAN_CSV}4101020001,联系人,13912345678,,\r\n`,
      "data/schema.md": "# 数据说明\n",
    });
    const hits = await scan({ [ZIP_PATH]: bundle });
    expect(hits).toEqual([
      { file: `${ZIP_PATH}!data/2024-2025/enr.csv`, kind: "mobile", excerpt: "139＊＊＊＊" },
    ]);
    expect(formatHits(hits, "dist")).toBe(
      `[隐私检查] dist/${ZIP_PATH}!data/2024-2025/enr.csv：发现疑似手机号「139＊＊＊＊」`,
    );
  });

  it("finds a name in a PDF inside a zip", async () => {
    const pdf = minimalPdf({ pages: [{ cjk: ["优秀学生：王小明"] }] });
    const hits = await scan({ [ZIP_PATH]: zip({ "summary-region.pdf": pdf }) });
    expect(where(hits)).toEqual([`${ZIP_PATH}!summary-region.pdf:name`]);
  });

  it("opens a zip inside a zip", async () => {
    const inner = zip({ "a.csv": `${CLEAN_CSV}${VALID_ID}\r\n` });
    const hits = await scan({ "outer.zip": zip({ "inner.zip": inner }) });
    expect(where(hits)).toEqual(["outer.zip!inner.zip!a.csv:id-number"]);
  });

  it("passes a clean bundle", async () => {
    const bundle = zip({ "summary-region.pdf": CLEAN_PDF, "data/2024-2025/enr.csv": CLEAN_CSV });
    expect(await scan({ [ZIP_PATH]: bundle })).toEqual([]);
  });

  it("reports a zip that it cannot open", async () => {
    const bundle = zip({ "data/2024-2025/enr.csv": CLEAN_CSV });
    const hits = await scan({ "a.zip": bundle.subarray(0, bundle.length - 30), "b.zip": "PK" });
    expect(where(hits)).toEqual(["a.zip:unreadable", "b.zip:unreadable"]);
    expect(hits[0]!.excerpt).toContain("无法打开这个压缩包");
  });
});

describe("scanOutput on workbooks", () => {
  const BOOK = "downloads/2024-2025/留守儿童关爱统计-2024-2025.xlsx";
  const clean = (): XlsxSheet[] => [
    { name: "说明", rows: [["青岚县2024-2025学年留守儿童关爱统计"]] },
    {
      name: "在校生与留守儿童",
      rows: [
        ["级别", "单位", "学校标识码", "在校生", "留守儿童·占比"],
        ["学校", "青岚县第一小学", "4101020001", 456, { percent: 0.369 }],
      ],
    },
  ];

  it("passes a clean workbook", async () => {
    expect(
      await scan({ [BOOK]: writeXlsx(clean(), { title: "统计", creator: "青岚县教育局" }) }),
    ).toEqual([]);
  });

  it("finds a name in a cell, naming the sheet's part", async () => {
    const sheets = clean();
    sheets[1] = {
      ...sheets[1]!,
      rows: [...sheets[1]!.rows, ["学校", "优秀学生王小明", "", 1, null]],
    };
    const hits = await scan({ [BOOK]: writeXlsx(sheets) });
    expect(where(hits)).toEqual([`${BOOK}!xl/worksheets/sheet2.xml:name`]);
  });

  it("finds a name in a sheet name and an ID number in the document properties", async () => {
    const sheets = clean();
    sheets[0] = { ...sheets[0]!, name: "黄青" };
    const hits = await scan({ [BOOK]: writeXlsx(sheets, { title: `核对 ${VALID_ID}` }) });
    expect(where(hits).sort()).toEqual([
      `${BOOK}!docProps/core.xml:id-number`,
      `${BOOK}!xl/workbook.xml:name`,
    ]);
  });

  it("finds a name in a cell comment", async () => {
    const parts = unzipSync(writeXlsx(clean()));
    parts["xl/comments1.xml"] = strToU8(
      '<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>a</author></authors><commentList><comment ref="B2" authorId="0"><text><t>马小红的家长来电</t></text></comment></commentList></comments>',
    );
    const hits = await scan({ [BOOK]: zipSync(parts) });
    expect(where(hits)).toEqual([`${BOOK}!xl/comments1.xml:name`]);
  });

  it("finds a workbook inside the year's zip", async () => {
    const sheets = clean();
    sheets[1] = {
      ...sheets[1]!,
      rows: [...sheets[1]!.rows, ["学校", "联系 13912345678", "", 1, null]],
    };
    const hits = await scan({ [ZIP_PATH]: zip({ [BOOK]: writeXlsx(sheets) }) });
    expect(where(hits)).toEqual([`${ZIP_PATH}!${BOOK}!xl/worksheets/sheet2.xml:mobile`]);
  });

  it("reads an old .xls cell by cell, where the bytes alone hide Chinese text", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ["单位", "备注"],
        ["一小", "王小明"],
      ]),
      "表",
    );
    const xls = XLSX.write(wb, { type: "buffer", bookType: "biff8" }) as Buffer;
    const hits = await scan({ "downloads/a.xls": xls, "downloads/b.xls": xls.subarray(0, 600) });
    expect(where(hits)).toEqual(["downloads/a.xls:name", "downloads/b.xls:unreadable"]);
  });
});

describe("scanOutput on Word documents (the summaries' editable copies)", () => {
  const DOCX = "downloads/2024-2025/summary-region.docx";
  const docx = async (paragraphs: string[][], title = "统计摘要") =>
    summaryDocx(
      paragraphs.map((runs) => ({ kind: "paragraph", text: runs.join("") })),
      [],
      {
        publisher: "青岚县教育局",
        unitName: title,
        title: "2024-2025学年留守儿童关爱工作统计摘要",
      },
    );

  it("passes a clean summary", async () => {
    expect(await scan({ [DOCX]: await docx([CLEAN_LINES]) })).toEqual([]);
  });

  it("finds a name in a paragraph and in the running header, naming the part", async () => {
    const hits = await scan({ [DOCX]: await docx([["对王小明重点帮扶"]], "黄青") });
    expect(where(hits)).toContain(`${DOCX}!word/document.xml:name`);
    expect(where(hits).some((w) => /!word\/header\d*\.xml:name$/.test(w))).toBe(true);
  });

  it("finds a name that Word split over two runs", async () => {
    const parts = unzipSync(await docx([["对王小明重点帮扶"]]));
    const xml = strFromU8(parts["word/document.xml"]!).replace(
      "对王小明重点帮扶",
      '对王</w:t></w:r><w:r><w:t xml:space="preserve">小明重点帮扶',
    );
    expect(xml).not.toContain("王小明");
    parts["word/document.xml"] = strToU8(xml);
    const hits = await scan({ [DOCX]: zipSync(parts) });
    expect(where(hits)).toEqual([`${DOCX}:name`]);
  });

  it("reports a .docx that it cannot open", async () => {
    const hits = await scan({ [DOCX]: strToU8("not a zip") });
    expect(hits.map((h) => h.kind)).toEqual(["unreadable"]);
  });
});
