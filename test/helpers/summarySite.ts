/**
 * A small built site as `npm run pdf` finds it (docs/pdf.md): downloads/summaries.json, three
 * summary pages of 2024-2025 (the county, a township, a school) with Chinese text, a table
 * long enough to run over a page, an inline SVG chart and print styles, one older year, a
 * downloads page with the hidden slots, and the published CSVs. Its title and publisher are
 * those of the test data folder (test/helpers/dataDir.ts), whose roster the guard uses.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { SITE_JSON } from "./dataDir.ts";

export const BASE_PATH = "/zwgk/lsrt/";
export const YEAR = "2024-2025";
export const OLD_YEAR = "2023-2024";
/** A sentence of the county's summary, to find in its PDF. */
export const KNOWN_SENTENCE = "全县共有留守儿童 456 人，占在校学生的 36.9%，比上学年减少 12 人。";

export const SUMMARIES = [
  { unit: "region", unitName: "测试县", level: 3, slug: "region" },
  { unit: "t:测试县/城关镇", unitName: "城关镇", level: 2, slug: "t-chengguan" },
  { unit: "4101020001", unitName: "测试县第一小学", level: 1, slug: "4101020001" },
];

export const BUNDLE_FILES = [`data/${YEAR}/enr.csv`, `data/${YEAR}/lb.csv`, "data/schema.md"];
export const ZIP = `downloads/${YEAR}/lsrt-${YEAR}.zip`;
export const pdfOf = (slug: string, year = YEAR) => `downloads/${year}/summary-${slug}.pdf`;
export const docxOf = (slug: string, year = YEAR) => `downloads/${year}/summary-${slug}.docx`;
export const pageOf = (slug: string, year = YEAR) => `${year}/${slug}/summary/`;

export function manifest() {
  const year = (y: string, units: typeof SUMMARIES) => ({
    year: y,
    summaries: units.map((u) => ({
      unit: u.unit,
      unitName: u.unitName,
      level: u.level,
      page: pageOf(u.slug, y),
      pdf: pdfOf(u.slug, y),
      slot: `${y}/${u.slug}`,
    })),
    bundle: {
      zip: `downloads/${y}/lsrt-${y}.zip`,
      slot: `${y}/bundle`,
      files: y === YEAR ? BUNDLE_FILES : [`data/${y}/enr.csv`, "data/schema.md"],
    },
  });
  return {
    format: 1,
    basePath: BASE_PATH,
    title: SITE_JSON.title,
    publisher: SITE_JSON.publisher,
    years: [year(OLD_YEAR, SUMMARIES.slice(0, 1)), year(YEAR, SUMMARIES)],
  };
}

/** The site's print styles, as the real layout has them. */
const STYLE = `
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; }
td.n { text-align: right; }
@media print {
  @page { size: A4; margin: 15mm; }
  :root { color: #000; font-size: 11pt; }
  nav { display: none; }
  a { color: #000; text-decoration: none; }
  h2 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}`;

const slotLink = (slot: string, href: string, text: string) =>
  `<p data-pdf-slot="${slot}" hidden><a href="${BASE_PATH}${href}">${text}</a></p>`;

function chart(): string {
  const bars = [
    ["2022-2023", 520],
    ["2023-2024", 468],
    ["2024-2025", 456],
  ] as const;
  const rects = bars
    .map(
      ([label, v], i) =>
        `<rect x="${60 + i * 120}" y="${220 - v / 3}" width="80" height="${v / 3}" fill="#1d4f91"/>` +
        `<text x="${100 + i * 120}" y="240" text-anchor="middle" font-size="12">${label}</text>` +
        `<text x="${100 + i * 120}" y="${212 - v / 3}" text-anchor="middle" font-size="12">${v}</text>`,
    )
    .join("");
  return (
    `<figure><svg viewBox="0 0 420 250" width="420" height="250" role="img" aria-labelledby="c1">` +
    `<title id="c1">近三个学年留守儿童人数逐年减少</title><line x1="40" y1="220" x2="410" y2="220" stroke="#000"/>` +
    `${rects}</svg><figcaption>图 1 近三个学年留守儿童人数（人）。口径：教育部口径；来源：各校报送名单。</figcaption></figure>`
  );
}

/**
 * A summary page; the county's has a table of 60 schools, so it runs over two pages. `blank`
 * marks where the editable copy leaves 下一步工作 to the bureau (the school's page).
 */
export function summaryPage(
  unitName: string,
  year: string,
  slot: string,
  rows: number,
  blank = false,
): string {
  const body = Array.from(
    { length: rows },
    (_, i) =>
      `<tr><th scope="row">${unitName}第${i + 1}校</th><td class="n">${100 + i}</td><td class="n">${20 + (i % 17)}</td><td class="n">${(((20 + (i % 17)) / (100 + i)) * 100).toFixed(1)}%</td></tr>`,
  ).join("");
  const sentence = unitName === "测试县" ? KNOWN_SENTENCE : `${unitName}共有留守儿童 40 人。`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${unitName}${year}学年统计摘要 - ${SITE_JSON.title}</title><style>${STYLE}</style></head>
<body><nav><a href="${BASE_PATH}">首页</a></nav>
<main>
<h1>${unitName}${year}学年留守儿童关爱工作统计摘要</h1>
${slotLink(slot, pdfOf(slot.split("/")[1]!, year), "下载本摘要（PDF）")}
<p>${sentence}</p>
<h2>一、留守儿童人数</h2>
${chart()}
<h2>二、各校情况</h2>
<table><caption>各校留守儿童人数和占比</caption>
<thead><tr><th scope="col">学校</th><th scope="col">在校学生</th><th scope="col">留守儿童</th><th scope="col">占比</th></tr></thead>
<tbody>${body}</tbody></table>
${blank ? '<div data-docx-blank="三、下一步工作" hidden></div>' : ""}
<p>说明：人数少于 5 人的数字不公布，以“＊”表示。</p>
</main></body></html>`;
}

function downloadsPage(): string {
  const m = manifest();
  const links = m.years
    .flatMap((y) => [
      ...y.summaries.map((s) => slotLink(s.slot, s.pdf, `${s.unitName}${y.year}学年摘要（PDF）`)),
      slotLink(y.bundle.slot, y.bundle.zip, `${y.year}学年摘要和数据（压缩包）`),
    ])
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>数据下载</title></head>
<body><main><h1>数据下载</h1>
${links}
<p><a href="${BASE_PATH}data/${YEAR}/enr.csv">在校学生人数（CSV）</a></p>
</main></body></html>`;
}

const CSV_ENR =
  "\uFEFF单位代码,单位,在校学生,留守儿童\r\n" +
  "4101020001,测试县第一小学,320,88\r\n4101020002,测试县第一初级中学,410,120\r\n";
const CSV_LB =
  "\uFEFF单位代码,单位,表,类别,数值,状态\r\n" +
  "4101020001,测试县第一小学,留守类型,双亲留守儿童,40,公布\r\n" +
  "4101020001,测试县第一小学,留守类型,单亲留守儿童,,已保护\r\n";

/** Writes the fixture site into `dir`. */
export async function writeSummarySite(dir: string): Promise<void> {
  const files: Record<string, string> = {
    "index.html": `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${SITE_JSON.title}</title></head><body><h1>${SITE_JSON.title}</h1></body></html>`,
    "downloads/index.html": downloadsPage(),
    "downloads/summaries.json": JSON.stringify(manifest(), null, 2),
    [`data/${YEAR}/enr.csv`]: CSV_ENR,
    [`data/${YEAR}/lb.csv`]: CSV_LB,
    [`data/${OLD_YEAR}/enr.csv`]: CSV_ENR,
    "data/schema.md": "# 公布的数据文件\n\n每个 CSV 文件的列说明见下。\n",
    [`${pageOf("region", OLD_YEAR)}index.html`]: summaryPage(
      "测试县",
      OLD_YEAR,
      `${OLD_YEAR}/region`,
      10,
    ),
  };
  for (const [i, u] of SUMMARIES.entries()) {
    files[`${pageOf(u.slug)}index.html`] = summaryPage(
      u.unitName,
      YEAR,
      `${YEAR}/${u.slug}`,
      i === 0 ? 60 : 8,
      u.level === 1,
    );
  }
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

/** Every file under a folder with a hash of its bytes, for comparing a folder before and after. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    const hash = createHash("sha256")
      .update(await readFile(abs))
      .digest("hex");
    files.set(path.relative(dir, abs).split(path.sep).join("/"), hash);
  }
  return files;
}
