/**
 * Prints summary pages to A4 PDFs in Chromium (driven by playwright-core): the site served
 * under its base path on 127.0.0.1, one browser, a couple of pages at a time, print media, the
 * running header and page numbers, fonts embedded by Chromium.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { serveSite } from "../cli/serveSite.ts";
import {
  footerTemplate,
  headerTemplate,
  PAGE_MARGINS,
  PRINT_CSS,
  summaryTitle,
} from "./printTemplates.ts";
import { summaryBlocks } from "./summaryBlocks.ts";
import { summaryDocx } from "./summaryDocx.ts";
import { reproduciblePdf } from "./reproduciblePdf.ts";

/** The flags the browser tests use too: no sandbox (CI containers), no network chatter. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Pages printed at the same time: printing is CPU-bound, and the machine may be shared. */
const PARALLEL_PAGES = 2;
const PAGE_TIMEOUT_MS = 60_000;

export interface PrintJob {
  /** The page, relative to the base path (`2024-2025/region/summary/`). */
  page: string;
  /** Where the PDF goes, as a full path. */
  out: string;
  /** Where the editable copy (.docx) of the same page goes, if one is wanted. */
  docx?: string;
  /** For the header. */
  publisher: string;
  unitName: string;
  year: string;
}

export interface PrintedPdf {
  job: PrintJob;
  pages: number;
  bytes: number;
}

/** Something went wrong while printing; the message is for the person running the tool. */
export class PrintError extends Error {
  override name = "PrintError";
}

/** Number of pages of a PDF that Chromium wrote (its page tree's /Count). */
function pageCount(pdf: Buffer): number {
  const counts = [...pdf.toString("latin1").matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)];
  return counts.reduce((max, m) => Math.max(max, Number(m[1])), 0);
}

async function printOne(
  context: BrowserContext,
  url: string,
  job: PrintJob,
): Promise<{ pdf: Buffer; docx: Buffer | null }> {
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() !== 200) {
      throw new PrintError(
        `网站文件夹中找不到摘要页 ${job.page}（summaries.json 中列出了它），请重新运行 npm run build。`,
      );
    }
    await page.emulateMedia({ media: "print" });
    await page.addStyleTag({ content: PRINT_CSS });
    // Links would go into the PDF as addresses on 127.0.0.1 and a port that changes each run:
    // useless to a reader and different bytes every time. The text stays, unlinked.
    await page.evaluate(() => {
      for (const a of document.querySelectorAll("a[href]")) a.removeAttribute("href");
    });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(job.publisher, job.unitName, job.year),
      footerTemplate: footerTemplate(),
      margin: PAGE_MARGINS,
      preferCSSPageSize: false,
      tagged: true,
      outline: true,
    });
    // The editable copy from the same page as printed (print media, print styles).
    let docx: Buffer | null = null;
    if (job.docx) {
      const { blocks, images } = await summaryBlocks(page);
      docx = await summaryDocx(blocks, images, {
        publisher: job.publisher,
        unitName: job.unitName,
        title: summaryTitle(job.year),
      });
    }
    return { pdf: reproduciblePdf(pdf), docx };
  } finally {
    await page.close();
  }
}

/**
 * Prints every job's page from the site in `siteDir`, served under `basePath`, into its `out`
 * file. `onStart` and `onDone` report progress. Throws a `PrintError` with a Chinese message
 * when Chromium cannot be started or a page cannot be printed.
 */
export async function printSummaries(options: {
  chromium: string;
  siteDir: string;
  basePath: string;
  jobs: readonly PrintJob[];
  onStart?: (job: PrintJob) => void;
  onDone?: (printed: PrintedPdf) => void;
}): Promise<PrintedPdf[]> {
  const server = await serveSite(options.siteDir, options.basePath);
  let browser: Browser | null = null;
  try {
    try {
      browser = await chromium.launch({
        executablePath: options.chromium,
        args: CHROMIUM_FLAGS,
        timeout: PAGE_TIMEOUT_MS,
      });
    } catch (e) {
      throw new PrintError(
        `无法启动 Chromium（${options.chromium}）：${firstLine(e)}。请确认它能正常运行，或用 --chromium 指定另一个。`,
      );
    }
    // Device scale 2: the charts' pictures in the .docx are drawn at twice their print size.
    const context = await browser.newContext({ deviceScaleFactor: 2 });
    const results: PrintedPdf[] = new Array(options.jobs.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < options.jobs.length) {
        const i = next++;
        const job = options.jobs[i]!;
        options.onStart?.(job);
        try {
          const { pdf, docx } = await printOne(context, server.url(job.page), job);
          await mkdir(path.dirname(job.out), { recursive: true });
          await writeFile(job.out, pdf);
          if (job.docx && docx) {
            await mkdir(path.dirname(job.docx), { recursive: true });
            await writeFile(job.docx, docx);
          }
          results[i] = { job, pages: pageCount(pdf), bytes: pdf.length };
        } catch (e) {
          failed = true;
          if (e instanceof PrintError) throw e;
          throw new PrintError(`打印摘要页 ${job.page} 时出错：${firstLine(e)}`);
        }
        options.onDone?.(results[i]!);
      }
    };
    // Every worker is waited for, so that none still writes once the caller cleans up.
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(PARALLEL_PAGES, options.jobs.length) }, worker),
    );
    const rejected = settled.find((s) => s.status === "rejected");
    if (rejected) throw rejected.reason;
    await context.close();
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}

/** The first line of an error's message (playwright's run to many lines, in English). */
function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0]!.trim();
}
