/**
 * `npm run pdf` in Debian's Chromium, on a small built site (test/helpers/summarySite.ts):
 * one A4 PDF per summary with the page's Chinese text, a running header, page numbers and
 * embedded fonts; the same pages and bytes on a second run; the links shown; the year's zip;
 * a planted name stopped by the privacy guard with the site untouched; and the one line
 * printed when there is no Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../scripts/pdf.ts";
import { CHROMIUM_MISSING } from "../../src/pdf/findChromium.ts";
import { BLANK_MARK } from "../../src/pdf/summaryDocx.ts";
import { wordParagraphs } from "../../src/pipeline/guard/privacyGuard.ts";
import { readPdfText } from "../../src/pipeline/guard/pdfText.ts";
import { foldRadicals } from "../../src/pipeline/guard/foldRadicals.ts";
import {
  BASE_STUDENTS,
  STUDENTS,
  removeDataDirs,
  rosterCsv,
  student,
  tempDir,
  writeDataDir,
} from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";
import {
  BUNDLE_FILES,
  KNOWN_SENTENCE,
  OLD_YEAR,
  SUMMARIES,
  YEAR,
  ZIP,
  docxOf,
  pageOf,
  pdfOf,
  snapshot,
  writeSummarySite,
} from "../helpers/summarySite.ts";

/** The school year as the summaries write it: "2024-2025学年". */
const YEAR_LABEL = `${YEAR}学年`;

const CHROMIUM = "/usr/bin/chromium";
/** LibreOffice (apt-get install -y libreoffice-writer-nogui), for the .docx. */
const SOFFICE = "/usr/bin/soffice";

let site = "";
let data = "";
let first = { code: -1, out: "" };
/** Bytes of every file the first run made. */
let made = new Map<string, Buffer>();

const made1 = () => [...SUMMARIES.flatMap((u) => [pdfOf(u.slug), docxOf(u.slug)]), ZIP];

/** Text without white space: PDF text has spaces where the layout had gaps. */
const squash = (text: string) => text.replace(/\s+/g, "");

async function readMade(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const rel of made1()) files.set(rel, await readFile(path.join(dir, rel)));
  return files;
}

interface PdfFacts {
  sizes: [number, number][];
  pages: string[];
}

async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const facts: PdfFacts = { sizes: [], pages: [] };
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    facts.sizes.push([width, height]);
    const content = await page.getTextContent();
    facts.pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(""));
  }
  await doc.destroy();
  return facts;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error("需要 Debian 的 Chromium：apt-get install -y chromium fonts-noto-cjk");
  }
  site = path.join(await tempDir(), "site");
  await writeSummarySite(site);
  // A pupil whose name Chromium writes with radicals (⻢⻘): the guard must still find it.
  data = await writeDataDir({
    [STUDENTS]: rosterCsv([
      ...BASE_STUDENTS,
      student({ student_no: "G410102201803017775", name: "马青" }),
    ]),
  });
  const started = performance.now();
  first = await runCommand(main, ["--site", site, "--data", data, "--chromium", CHROMIUM]);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `[pdf e2e] first run: ${seconds.toFixed(1)} s for ${SUMMARIES.length} PDFs and a zip\n`,
  );
  if (first.code === 0) made = await readMade(site);
});

afterAll(removeDataDirs);

describe("npm run pdf on a built site", () => {
  it("makes one PDF per summary of the newest year and the year's zip, and says so", async () => {
    expect(first.out).toContain("[隐私检查] 通过");
    expect(first.code, first.out).toBe(0);
    expect([...made.keys()]).toEqual(made1());
    expect(existsSync(path.join(site, pdfOf("region", OLD_YEAR)))).toBe(false);
    expect(first.out).toMatch(/已生成 3 份 PDF、3 份 Word 文件和 1 个压缩包/);
    // Nothing is left beside the site.
    expect(await readdir(path.dirname(site))).toEqual(["site"]);
  });

  it("prints A4 pages that hold the page's Chinese text, the running header and page numbers", async () => {
    for (const u of SUMMARIES) {
      const facts = await pdfFacts(made.get(pdfOf(u.slug))!);
      for (const [w, h] of facts.sizes) {
        expect(Math.abs(w - 595), u.slug).toBeLessThan(2);
        expect(Math.abs(h - 842), u.slug).toBeLessThan(2);
      }
      // Fonts map their dash glyphs to U+2014 or U+2015: either reads as the year's dash.
      const pages = facts.pages.map((p) =>
        squash(foldRadicals(p)).replace(/[\u2012-\u2015]/g, "—"),
      );
      pages.forEach((text, i) => {
        expect(text, `${u.slug} p.${i + 1}`).toContain(
          `测试县教育局·${u.unitName}${YEAR_LABEL}留守儿童关爱工作统计摘要`,
        );
        expect(text, `${u.slug} p.${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`);
      });
      // The page's own heading, besides the header.
      expect(pages[0]!.split(`${u.unitName}${YEAR_LABEL}留守儿童关爱工作统计摘要`).length).toBe(3);
    }
    const region = (await pdfFacts(made.get(pdfOf("region"))!)).pages.map(foldRadicals);
    expect(region.join("")).toContain(KNOWN_SENTENCE.normalize("NFKC"));
    // The chart's labels are text, not pixels.
    for (const label of ["2022-2023", "520", "2024-2025", "456"]) {
      expect(squash(region[0]!)).toContain(label);
    }
    // The long table runs over pages with its head repeated, and no row is cut in two.
    expect(region.length).toBeGreaterThanOrEqual(2);
    const withRows = region.filter((p) => p.includes("测试县第"));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(squash(p)).toContain("学校在校学生留守儿童占比");
    for (let i = 1; i <= 60; i++) {
      expect(withRows.filter((p) => p.includes(`测试县第${i}校`)).length, `row ${i}`).toBe(1);
    }
  });

  it("writes an editable .docx beside each PDF that LibreOffice opens and prints with the same text", async () => {
    const out = path.join(await tempDir(), "lo");
    const docs = SUMMARIES.map((u) => path.join(site, docxOf(u.slug)));
    execFileSync(SOFFICE, ["--headless", "--convert-to", "pdf", "--outdir", out, ...docs], {
      stdio: "ignore",
      timeout: 120_000,
    });
    for (const u of SUMMARIES) {
      const docx = made.get(docxOf(u.slug))!;
      const xml = strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"]!);
      const paragraphs = wordParagraphs(xml).split("\n");
      const converted = await readPdfText(await readFile(path.join(out, `summary-${u.slug}.pdf`)));
      const text = squash(foldRadicals(converted.pages)).replace(/[\u2012-\u2015]/g, "—");
      // Every paragraph and table cell of the document is on LibreOffice's pages.
      // (Both sides folded the same way: NFKC makes "，" a ",".)
      const folded = (p: string) => squash(foldRadicals(p)).replace(/[\u2012-\u2015]/g, "—");
      for (const p of paragraphs) expect(text, `${u.slug}: ${p}`).toContain(folded(p));
      // The same text as the PDF printed from the page: its heading, its sentence, its rows.
      const pdf = (await pdfFacts(made.get(pdfOf(u.slug))!)).pages.join("");
      expect(paragraphs).toContain(`${u.unitName}${YEAR_LABEL}留守儿童关爱工作统计摘要`);
      // (The blank for 下一步工作 and its heading are the editable copy's alone.)
      for (const p of paragraphs.filter((q) => q !== BLANK_MARK && !q.endsWith("下一步工作"))) {
        expect(folded(pdf), `${u.slug}: ${p}`).toContain(folded(p));
      }
      // Headings are heading styles, the chart a picture with its text for screen readers.
      expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
      expect(xml).toContain('descr="近三个学年留守儿童人数逐年减少"');
    }
    const region = made.get(docxOf("region"))!;
    expect(
      wordParagraphs(strFromU8(unzipSync(new Uint8Array(region))["word/document.xml"]!)),
    ).toContain("测试县第60校");
  });

  it("leaves the bureau a marked blank for 下一步工作 in the .docx only", async () => {
    const paragraphs = (slug: string) =>
      wordParagraphs(
        strFromU8(unzipSync(new Uint8Array(made.get(docxOf(slug))!))["word/document.xml"]!),
      );
    expect(paragraphs("4101020001")).toContain(`三、下一步工作\n${BLANK_MARK}`);
    expect(paragraphs("region")).not.toContain(BLANK_MARK);
    const pdf = (await pdfFacts(made.get(pdfOf("4101020001"))!)).pages.join("");
    expect(pdf).not.toContain("由编制单位填写");
    expect(pdf).not.toContain("下一步工作");
  });

  it("embeds its fonts (subsets of Noto CJK) and keeps no print time in the file", () => {
    for (const u of SUMMARIES) {
      const text = made.get(pdfOf(u.slug))!.toString("latin1");
      const names = [...text.matchAll(/\/FontName\s*\/([^\s/>]+)/g)].map((m) => m[1]!);
      expect(names.length, u.slug).toBeGreaterThan(0);
      // A six-letter tag before the name marks a subset embedded in the file.
      for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+/);
      expect(names.some((n) => /NotoSansCJKsc/.test(n))).toBe(true);
      expect(text).not.toMatch(/\/(?:CreationDate|ModDate)/);
    }
  });

  it("shows the links to the files it made, and only to those", async () => {
    const downloads = await readFile(path.join(site, "downloads", "index.html"), "utf8");
    for (const u of SUMMARIES) {
      const slot = `${YEAR}/${u.slug}`;
      expect(downloads).toContain(` data-pdf-slot="${slot}">`);
      const page = await readFile(path.join(site, pageOf(u.slug), "index.html"), "utf8");
      expect(page).toContain(` data-pdf-slot="${slot}">`);
      expect(page).not.toContain(` data-pdf-slot="${slot}" hidden`);
    }
    expect(downloads).toContain(` data-pdf-slot="${YEAR}/bundle">`);
    expect(downloads).toContain(` data-pdf-slot="${OLD_YEAR}/region" hidden>`);
    expect(downloads).toContain(` data-pdf-slot="${OLD_YEAR}/bundle" hidden>`);
  });

  it("bundles the county's PDF and the year's tables in the zip", async () => {
    const entries = unzipSync(made.get(ZIP)!);
    const pdfName = `测试县${YEAR_LABEL}留守儿童关爱工作统计摘要.pdf`;
    expect(Object.keys(entries)).toEqual([pdfName, ...BUNDLE_FILES]);
    expect(Buffer.from(entries[pdfName]!).equals(made.get(pdfOf("region"))!)).toBe(true);
    for (const f of BUNDLE_FILES) {
      expect(Buffer.from(entries[f]!).equals(await readFile(path.join(site, f))), f).toBe(true);
    }
  });

  it.skipIf(!existsSync("/usr/bin/unzip"))(
    "opens in Info-ZIP's unzip with its Chinese names",
    () => {
      const names = execFileSync("/usr/bin/unzip", ["-Z1", path.join(site, ZIP)], {
        env: { ...process.env, LC_ALL: "C.UTF-8" },
        encoding: "utf8",
      });
      expect(names.trim().split("\n")).toEqual([
        `测试县${YEAR_LABEL}留守儿童关爱工作统计摘要.pdf`,
        ...BUNDLE_FILES,
      ]);
    },
  );

  it("gives the same pages with the same text on a second run", async () => {
    const again = await runCommand(main, ["--site", site, "--data", data, "--chromium", CHROMIUM]);
    expect(again.code, again.out).toBe(0);
    const second = await readMade(site);
    for (const [rel, bytes] of made) {
      if (rel.endsWith(".pdf")) {
        // Same page count and text; the bytes too, unless Chromium numbered the tagged
        // structure ids (table headers) in another order (see reproduciblePdf).
        const [a, b] = await Promise.all([pdfFacts(bytes), pdfFacts(second.get(rel)!)]);
        expect(b.pages.length, rel).toBe(a.pages.length);
        expect(b.pages, rel).toEqual(a.pages);
        expect(second.get(rel)!.length, rel).toBe(bytes.length);
      } else if (rel.endsWith(".docx")) {
        // The editable copies: the same bytes (no time stamps, no counters).
        expect(second.get(rel)!.equals(bytes), rel).toBe(true);
      }
    }
  });
});

describe("npm run pdf refuses", () => {
  it("to publish a PDF that shows a roster name, and leaves the site as it was", async () => {
    const leaky = path.join(await tempDir(), "site");
    await writeSummarySite(leaky);
    const township = path.join(leaky, pageOf("t-chengguan"), "index.html");
    const html = await readFile(township, "utf8");
    // A name on the page, and one only in a chart's text for screen readers (the PDF's tags).
    const planted =
      "<p>优秀学生：王小明、马青</p>" +
      '<svg role="img" aria-label="李小红的画" width="40" height="40"><rect width="30" height="30"/></svg>';
    await writeFile(township, html.replace("</main>", `${planted}</main>`));
    const before = await snapshot(leaky);
    const beside = await readdir(path.dirname(leaky));
    const { code, out } = await runCommand(main, [
      "--site",
      leaky,
      "--data",
      data,
      "--chromium",
      CHROMIUM,
    ]);
    expect(code).toBe(1);
    for (const masked of ["王＊＊", "马＊＊", "李＊＊"]) {
      expect(out).toContain(
        `[隐私检查] site/${pdfOf("t-chengguan")}：发现疑似学生姓名「${masked}」`,
      );
    }
    expect(out).not.toMatch(/王小明|马青|李小红/);
    expect(out).toMatch(/没有把 PDF 和压缩包放进网站，网站没有改动/);
    expect(await snapshot(leaky)).toEqual(before);
    expect(await readdir(path.dirname(leaky))).toEqual(beside);
  });

  it("to run without Chromium, in one line", async () => {
    const before = await snapshot(site);
    const { code, out } = await runCommand(main, [
      "--site",
      site,
      "--data",
      data,
      "--chromium",
      path.join(site, "no-chromium-here"),
    ]);
    expect(code).toBe(1);
    expect(out).toBe(`${CHROMIUM_MISSING}\n`);
    expect(await snapshot(site)).toEqual(before);
  });
});
