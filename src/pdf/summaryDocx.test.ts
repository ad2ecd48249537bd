import { strFromU8, unzipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { wordParagraphs } from "../pipeline/guard/privacyGuard.ts";
import type { FigureImage, SummaryBlock } from "./summaryBlocks.ts";
import { BLANK_MARK, summaryDocx } from "./summaryDocx.ts";

const META = {
  publisher: "青岚县教育局",
  unitName: "白鹤镇中心小学",
  title: "2024-2025学年留守儿童关爱工作统计摘要",
};

const BLOCKS: SummaryBlock[] = [
  { kind: "paragraph", text: "青岚县教育局", centred: true },
  { kind: "heading", level: 1, text: "白鹤镇中心小学2024-2025学年留守儿童关爱工作统计摘要" },
  { kind: "heading", level: 2, text: "一、基本情况" },
  {
    kind: "paragraph",
    indent: true,
    text: "2024-2025学年，白鹤镇中心小学共有在校学生848人，其中按教育统计口径认定的留守儿童175人（男生88人，女生87人），占在校学生总数的20.6%，比上学年下降1.3个百分点。",
  },
  {
    kind: "table",
    caption: "主要数据，2024-2025学年",
    head: [["指标", "人数", "占比", "比上学年"]],
    body: [["在校学生", "848人", "—", "比上学年减少3人"]],
  },
  {
    kind: "figure",
    figure: 0,
    title: "单亲留守与双亲留守儿童人数",
    message: "双亲留守儿童较多。",
    alt: "条形图：单亲留守儿童77人，双亲留守儿童98人",
    caption: "教育统计口径，2024-2025学年",
  },
  { kind: "blank", heading: "四、下一步工作" },
];

async function image(): Promise<FigureImage> {
  const png = await sharp({
    create: { width: 40, height: 20, channels: 3, background: "#4a7fb5" },
  })
    .png()
    .toBuffer();
  return { png, width: 20, height: 10 };
}

describe("summaryDocx", () => {
  it("writes headings as heading styles, tables as tables, charts as pictures with alt text", async () => {
    const bytes = await summaryDocx(BLOCKS, [await image()], META);
    const parts = unzipSync(new Uint8Array(bytes));
    const xml = strFromU8(parts["word/document.xml"]!);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toMatch(/descr="条形图：单亲留守儿童77人，双亲留守儿童98人"/);
    expect(Object.keys(parts).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    const text = wordParagraphs(xml);
    expect(text).toContain("比上学年下降1.3个百分点。");
    // The bureau's blank, in this copy only, highlighted.
    expect(text).toContain(`四、下一步工作\n${BLANK_MARK}`);
    expect(xml).toContain('<w:highlight w:val="yellow"/>');
    // A4 and the page numbers in the footer.
    expect(xml).toContain('w:w="11906" w:h="16838"');
    const footer = Object.entries(parts).find(([n]) => /^word\/footer\d*\.xml$/.test(n))!;
    expect(strFromU8(footer[1])).toContain("NUMPAGES");
  });

  it("gives the same bytes for the same blocks: no time stamps", async () => {
    const a = await summaryDocx(BLOCKS, [await image()], META);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await summaryDocx(BLOCKS, [await image()], META);
    expect(a.equals(b)).toBe(true);
    const core = strFromU8(unzipSync(new Uint8Array(a))["docProps/core.xml"]!);
    expect(core).toContain("1980-01-01T00:00:00Z");
  });

  it("leaves out the blank when there is none", async () => {
    const bytes = await summaryDocx(BLOCKS.slice(0, 4), [], META);
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))["word/document.xml"]!);
    expect(wordParagraphs(xml)).not.toContain(BLANK_MARK);
  });
});
