/**
 * The editable copy of a summary (.docx, opened by Word and WPS): the blocks read from the
 * printed page (`summaryBlocks.ts`) as a Word document with real heading styles (标题 1/2),
 * tables as tables with a repeated header row, charts as pictures with their alternative
 * text, A4 with the same running header and "第 N 页 共 M 页". Where the bureau has not yet
 * written 下一步工作, its heading and a highlighted "（由编制单位填写）" mark the blank: in this
 * copy only, never in the published page or PDF.
 *
 * The same blocks give the same bytes: `docx` stamps the time into the document properties
 * and the zip, so both are rewritten with fixed values (`reproducibleDocx`).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { yearBundle } from "./yearBundle.ts";
import type { FigureImage, SummaryBlock } from "./summaryBlocks.ts";

/** What the bureau fills in where it wrote no 下一步工作. */
export const BLANK_MARK = "（由编制单位填写）";

/** Fonts every Chinese office PC has; WPS and LibreOffice substitute their own equivalents. */
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEADING_FONT = { ascii: "Arial", hAnsi: "Arial", eastAsia: "黑体" };
/** Sizes in half-points: 10.5 pt body (五号), 9 pt tables and notes, like the printed page. */
const BODY_SIZE = 21;
const SMALL_SIZE = 18;
/** A4 in twentieths of a point, and margins of 2 cm (1134) / 2.5 cm (1418). */
const A4 = { width: 11906, height: 16838 };
/** Picture width on the page: half the text width, as printed. */
const FIGURE_WIDTH_PX = 300;

export interface DocxMeta {
  publisher: string;
  unitName: string;
  /** The document title, as the PDF's running header has it. */
  title: string;
}

const run = (text: string, opts: { bold?: boolean; small?: boolean } = {}) =>
  new TextRun({
    text,
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.small ? { size: SMALL_SIZE } : {}),
  });

function paragraph(block: Extract<SummaryBlock, { kind: "paragraph" }>): Paragraph {
  return new Paragraph({
    children: [run(block.text, { bold: block.bold ?? false, small: block.small ?? false })],
    ...(block.centred ? { alignment: AlignmentType.CENTER } : {}),
    // Two characters of first-line indent, as reports are typeset (2 × 10.5 pt = 420 twips).
    ...(block.indent ? { indent: { firstLine: 420 } } : {}),
    spacing: { after: 60, line: 360 },
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };

function table(block: Extract<SummaryBlock, { kind: "table" }>): (Paragraph | Table)[] {
  const width = Math.max(1, ...[...block.head, ...block.body].map((r) => r.length));
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [run(text === "" ? "—" : text, { bold: header, small: true })],
          keepLines: true,
        }),
      ],
    });
  const rows = [
    ...block.head.map(
      (r) =>
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: r.map((c) => cell(c, true)),
        }),
    ),
    ...block.body.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [...r, ...Array<string>(width - r.length).fill("")].map((c, i) =>
            cell(c, i === 0),
          ),
        }),
    ),
  ];
  const out: (Paragraph | Table)[] = [];
  if (block.caption) {
    out.push(
      new Paragraph({
        children: [run(block.caption, { bold: true, small: true })],
        keepNext: true,
        spacing: { before: 120, after: 60 },
      }),
    );
  }
  if (rows.length > 0) {
    out.push(
      new Table({
        rows,
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: {
          top: BORDER,
          bottom: BORDER,
          left: BORDER,
          right: BORDER,
          insideHorizontal: BORDER,
          insideVertical: BORDER,
        },
      }),
    );
  }
  return out;
}

function figure(
  block: Extract<SummaryBlock, { kind: "figure" }>,
  image: FigureImage | undefined,
): Paragraph[] {
  const out: Paragraph[] = [];
  if (block.title) {
    out.push(
      new Paragraph({
        children: [run(block.title, { bold: true, small: true })],
        keepNext: true,
        spacing: { before: 120 },
      }),
    );
  }
  if (block.message) {
    out.push(new Paragraph({ children: [run(block.message, { small: true })], keepNext: true }));
  }
  if (image) {
    const scale = FIGURE_WIDTH_PX / Math.max(1, image.width);
    out.push(
      new Paragraph({
        keepNext: block.caption !== "",
        children: [
          new ImageRun({
            type: "png",
            data: image.png,
            transformation: {
              width: FIGURE_WIDTH_PX,
              height: Math.max(1, Math.round(image.height * scale)),
            },
            altText: {
              // Numbered by the figure, not by the library's counter, which runs on from one
              // document to the next: the same blocks give the same bytes.
              id: String(block.figure + 1),
              name: block.title || "图表",
              title: block.title || "图表",
              description: block.alt || block.message || block.title,
            },
          }),
        ],
      }),
    );
  }
  if (block.caption) {
    out.push(new Paragraph({ children: [run(block.caption, { small: true })] }));
  }
  return out;
}

/** The blank where the bureau writes 下一步工作, highlighted so that it cannot be missed. */
function blank(block: Extract<SummaryBlock, { kind: "blank" }>): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.heading)] }),
    new Paragraph({
      indent: { firstLine: 420 },
      children: [new TextRun({ text: BLANK_MARK, highlight: "yellow", color: "C00000" })],
    }),
  ];
}

/** The Word document of a summary's blocks. */
export function summaryDocument(
  blocks: readonly SummaryBlock[],
  images: readonly FigureImage[],
  meta: DocxMeta,
): Document {
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === "heading") {
      children.push(
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          ...(b.level === 1 ? { alignment: AlignmentType.CENTER } : {}),
          children: [new TextRun(b.text)],
        }),
      );
    } else if (b.kind === "paragraph") children.push(paragraph(b));
    else if (b.kind === "table") children.push(...table(b));
    else if (b.kind === "figure") children.push(...figure(b, images[b.figure]));
    else children.push(...blank(b));
  }
  const small = { size: 16 };
  return new Document({
    creator: meta.publisher,
    title: `${meta.unitName}${meta.title}`,
    description: "留守儿童关爱工作统计摘要（可编辑版）",
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: BODY_SIZE } },
        heading1: {
          run: { font: HEADING_FONT, size: 32, bold: true, color: "000000" },
          paragraph: { spacing: { before: 120, after: 120 } },
        },
        heading2: {
          run: { font: HEADING_FONT, size: 24, bold: true, color: "000000" },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: 1418, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  new TextRun({
                    text: `${meta.publisher} · ${meta.unitName}\u3000\u3000`,
                    ...small,
                  }),
                  new TextRun({ text: meta.title, ...small }),
                ],
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "000000" } },
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页 共 "], ...small }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES, " 页"], ...small }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** A fixed time for the document properties: the zip epoch, as the bundles use. */
const FIXED_TIME = "1980-01-01T00:00:00Z";

/**
 * The same document as the same bytes: the created and modified times in docProps/core.xml
 * fixed, and the zip rewritten with fixed entry times (`yearBundle`), in the library's order.
 */
export function reproducibleDocx(bytes: Uint8Array): Buffer {
  const entries = unzipSync(bytes);
  const zip = yearBundle(
    Object.entries(entries)
      .filter(([name]) => !name.endsWith("/"))
      .map(([name, content]) => {
        if (name !== "docProps/core.xml") return { name, content };
        const xml = strFromU8(content).replace(
          /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
          `$1${FIXED_TIME}$2`,
        );
        return { name, content: strToU8(xml) };
      }),
  );
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/** The .docx bytes of a summary. */
export async function summaryDocx(
  blocks: readonly SummaryBlock[],
  images: readonly FigureImage[],
  meta: DocxMeta,
): Promise<Buffer> {
  const doc = summaryDocument(blocks, images, meta);
  return reproducibleDocx(new Uint8Array(await Packer.toBuffer(doc)));
}
