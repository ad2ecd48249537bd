/**
 * The built site in a real browser (Debian's Chromium, driven by playwright-core): axe-core on
 * every page template, chart texts that neither overlap nor outgrow the body text, no
 * horizontal scrolling at 360 px and no table cell cut off at 360, 390 or 1280 px, text zoom to 200 %, keyboard focus,
 * no JavaScript needed, nothing loaded from another host, every link under the base path, and
 * screenshots of each template at 390×844 and 1280×800 in test-output/screenshots/.
 *
 * The sample is built with site.json's basePath set to /zwgk/lsrt/ and served under it.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { unzipSync } from "fflate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main as buildMain } from "../../scripts/build.ts";
import { main as pdfMain } from "../../scripts/pdf.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/printSummaries.ts";
import { foldRadicals } from "../../src/pipeline/guard/foldRadicals.ts";
import { readPdfText } from "../../src/pipeline/guard/pdfText.ts";
import { SELF_CHECK_PATH } from "../../src/selfcheck/settings.ts";
import { SUMMARIES_MANIFEST, type SummariesManifest } from "../../src/site/summaries.ts";
import { serveSite, type SiteServer } from "../../src/cli/serveSite.ts";
import { REFERENCE_SCHOOL } from "../../src/sample/index.ts";
import { unitSlug } from "../../src/site/siteData.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";
import { avoidedWords, styleProblems } from "../helpers/styleWords.ts";
import { runCommand } from "../helpers/run.ts";
import { chartLayoutProblems } from "./chartLayout.ts";
import { clippedTableCells } from "./tableLayout.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BASE = "/zwgk/lsrt/";
const SHOTS = path.join(ROOT, "test-output", "screenshots");
const CHROMIUM = "/usr/bin/chromium";

/** What the site test adds to the sample's site.json: the base path and the whole footer. */
const SITE_EXTRA = {
  basePath: BASE,
  // A fixed 发布日期: the determinism test builds twice and may cross midnight in Beijing.
  publishDate: "2025-09-01",
  siteCode: "5106990001",
  icp: "蜀ICP备00000000号-1",
  publicSecurityRecord: "川公网安备 51069902000001号",
};

/** One page of each template. */
const TEMPLATES: Record<string, string> = {
  首页: "",
  学年: "2023-2024/",
  乡镇: `2024-2025/${unitSlug({ id: `t:青岚县/${REFERENCE_SCHOOL.township}`, name: REFERENCE_SCHOOL.township, level: 1, children: [] })}/`,
  学校: `2024-2025/${REFERENCE_SCHOOL.id}/`,
  关爱覆盖: "coverage/",
  关爱覆盖往年: "2023-2024/coverage/",
  关爱活动: "2024-2025/activities/",
  活动筛选: "2024-2025/activities/filter/type/1/",
  活动: "2024-2025/activities/1/",
  口径与方法: "method/",
  技术说明: "method/technical/",
  工作进度: "2024-2025/progress/",
  搜索: "search/",
  数据下载: "downloads/",
  学校数据自查: "self-check/",
  统计摘要全县: "2024-2025/region/summary/",
  统计摘要学校: `2024-2025/${REFERENCE_SCHOOL.id}/summary/`,
};

/** Builds the sample under BASE into `dir`; returns the data folder used. */
async function build(dir: string): Promise<string> {
  const o = vi.spyOn(process.stdout, "write").mockImplementation((() => true) as never);
  const e = vi.spyOn(process.stderr, "write").mockImplementation((() => true) as never);
  try {
    const data = path.join(await tempDir(), "data");
    await cp(path.join(ROOT, "data"), data, { recursive: true });
    const site = JSON.parse(await readFile(path.join(data, "site.json"), "utf8"));
    await writeFile(path.join(data, "site.json"), JSON.stringify({ ...site, ...SITE_EXTRA }));
    expect(await buildMain(["--data", data, "--out", dir])).toBe(0);
    return data;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** `npm run pdf` on a built site: the newest year's summaries and zip. */
async function makePdfs(dir: string, data: string): Promise<void> {
  const { code, out } = await runCommand(pdfMain, [
    "--site",
    dir,
    "--data",
    data,
    "--chromium",
    CHROMIUM,
  ]);
  expect(code, out).toBe(0);
}

let site = "";
let data = "";
let server: SiteServer;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error("需要 Debian 的 Chromium：apt-get install -y chromium fonts-noto-cjk");
  }
  site = path.join(await tempDir(), "site");
  data = await build(site);
  await makePdfs(site, data);
  server = await serveSite(site, BASE);
  origin = server.origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDataDirs();
});

const urlOf = (p: string) => `${origin}${BASE}${p}`;

describe("every page template in Chromium", () => {
  for (const [name, p] of Object.entries(TEMPLATES)) {
    it(`${name}: axe finds no violation, at 360, 390 and 1280 px wide, and screenshots are saved`, async () => {
      for (const [width, height] of [
        [360, 740],
        [390, 844],
        [1280, 800],
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height } });
        const page = await context.newPage();
        const response = await page.goto(urlOf(p));
        expect(response?.status()).toBe(200);
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`),
        ).toEqual([]);
        expect(await chartLayoutProblems(page), `${name} at ${width} px`).toEqual([]);
        await page.screenshot({
          path: path.join(SHOTS, `${name}-${width}x${height}.png`),
          fullPage: true,
        });
        // Every table cell in view, with the chart tables opened: none cut off or scrolled away.
        expect(await clippedTableCells(page), `${name} at ${width} px`).toEqual([]);
        await context.close();
      }
    });
  }

  it("needs no JavaScript, scrolls no page sideways at 360 px, and holds text zoomed to 200 %", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    for (const [name, p] of Object.entries(TEMPLATES)) {
      await page.goto(urlOf(p));
      await expect(page.locator("h1").textContent()).resolves.toMatch(/\S/);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, name).toBeLessThanOrEqual(0);
      expect(await clippedTableCells(page), `${name} at 360 px`).toEqual([]);
    }
    await context.close();
    // 200 % text at 720 px (a 360 px phone zoomed): still no sideways scrolling of the page.
    // (The larger text is the reader's setting, not the page's: a page's CSP does not stop it.)
    const zoomed = await browser.newContext({
      viewport: { width: 720, height: 740 },
      bypassCSP: true,
    });
    const page2 = await zoomed.newPage();
    for (const [name, p] of Object.entries(TEMPLATES)) {
      await page2.goto(urlOf(p));
      await page2.addStyleTag({ content: ":root { font-size: 225% !important; }" });
      const overflow = await page2.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, name).toBeLessThanOrEqual(0);
    }
    await zoomed.close();
  });

  it("prints on A4 in true black, without the navigation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(urlOf(""));
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      nav: [...document.querySelectorAll("nav")].map((n) => getComputedStyle(n).display),
      color: getComputedStyle(document.body).color,
      link: getComputedStyle(document.querySelector("main a")!).color,
    }));
    expect(printed.nav.length).toBeGreaterThan(0);
    expect(new Set(printed.nav)).toEqual(new Set(["none"]));
    expect(printed.color).toBe("rgb(0, 0, 0)");
    expect(printed.link).toBe("rgb(0, 0, 0)");
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A4 is 595 × 842 points: every page of the PDF.
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 595)).toBeLessThan(2);
      expect(Math.abs(Number(h) - 842)).toBeLessThan(2);
    }
    await context.close();
  });

  it("shows the keyboard focus and starts with a skip link", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(urlOf(""));
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused.text).toBe("跳到正文");
    expect(focused.outline).toBe("solid");
    expect(parseFloat(focused.width)).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("loads nothing from another host, and every link and asset resolves under the base path", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(origin)) foreign.push(r.url());
    });
    const seen = new Set<string>();
    const queue = [urlOf("")];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
      if (!url.endsWith("/")) continue;
      await page.goto(url);
      // Links hidden until their file exists (the PDF of a year not printed) are not followed.
      const links = await page.$$eval("a[href], link[href], img[src], script[src]", (els) =>
        els
          .filter((e) => !e.closest("[hidden]"))
          .map((e) => (e as HTMLAnchorElement).href || (e as HTMLImageElement).src),
      );
      for (const link of links) {
        expect(link.startsWith(`${origin}${BASE}`), `${link} on ${url}`).toBe(true);
        const clean = link.split("#")[0]!;
        // Every page of every template is followed; of the unit pages, one township and one school.
        if (!seen.has(clean) && seen.size < 400) queue.push(clean);
      }
    }
    expect(foreign).toEqual([]);
    expect(seen.size).toBeGreaterThan(50);
    await context.close();
    // Up to 400 pages on a shared 2-core machine: over two minutes under load.
  }, 300_000);

  it("has a government site's footer on every page and an icon of its own", async () => {
    // (The schools' self-check page is a one-file tool that also works from a USB stick.)
    const files = (await readdir(site, { recursive: true })).filter(
      (f) => f.endsWith(".html") && f !== `${SELF_CHECK_PATH}/index.html`,
    );
    for (const f of files) {
      const html = await readFile(path.join(site, f), "utf8");
      const footer = html.slice(html.indexOf('<footer class="site">'));
      expect(footer, f).toContain("主办单位：青岚县教育局");
      expect(footer, f).toContain("承办单位：青岚县教育局基础教育股");
      expect(footer, f).toContain("联系电话：0838-6212345");
      expect(footer, f).toContain("联系地址：青岚县锦城街道人民路88号");
      expect(footer, f).toContain("网站标识码：5106990001");
      expect(footer, f).toContain("蜀ICP备00000000号-1");
      expect(footer, f).toContain("川公网安备 51069902000001号");
      expect(footer, f).toContain('发布日期：<time datetime="2025-09-01">2025年9月1日</time>');
      expect(html, f).toContain(`<link rel="icon" href="${BASE}favicon.svg" type="image/svg+xml">`);
    }
    const icon = await readFile(path.join(site, "favicon.svg"), "utf8");
    expect(icon).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(icon).not.toMatch(/href|<image|url\(/);
  });

  it("keeps the overview within 100 KB transferred (gzip), and no page but search loads the index", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const loaded: string[] = [];
    let bytes = 0;
    page.on("response", async (r) => {
      loaded.push(r.url());
      bytes += gzipSync(await r.body()).length;
    });
    await page.goto(urlOf(""), { waitUntil: "networkidle" });
    expect(loaded.some((u) => u.includes("/pagefind/"))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
    await context.close();
    const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
    for (const f of files) {
      if (/^search[\\/]/.test(f)) continue;
      expect(await readFile(path.join(site, f), "utf8"), f).not.toContain("pagefind");
    }
  });

  it("finds 白鹤镇 and 白鹤镇中心小学 by 白鹤, every 中心小学 by 中心小学, and lists every unit without JavaScript", async () => {
    const schools = (await readdir(path.join(site, "2024-2025"))).filter((d) => /^\d{10}$/.test(d));
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const list = await plain.newPage();
    await list.goto(urlOf("search/"));
    await expect(list.locator("#search-box").isHidden()).resolves.toBe(true);
    const linked = await list.$$eval("ul.units a", (as) => as.map((a) => a.getAttribute("href")));
    for (const id of schools) expect(linked).toContain(`${BASE}2024-2025/${id}/`);
    await plain.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(urlOf("search/"));
    const search = async (query: string) => {
      await page.fill("#search-input", query);
      await page.press("#search-input", "Enter");
      // The status names the query, so a previous query's results are never read.
      await expect
        .poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 })
        .toContain(`“${query}”：找到`);
      return page.locator("#search-results li a").allTextContents();
    };
    const baihe = await search("白鹤");
    expect(baihe).toContain("白鹤镇");
    expect(baihe).toContain("白鹤镇中心小学");
    const centres = await page.$$eval("ul.units a", (as) =>
      as.map((a) => a.textContent ?? "").filter((t) => t.endsWith("中心小学")),
    );
    expect(centres.length).toBeGreaterThan(1);
    const found = await search("中心小学");
    for (const name of centres) expect(found).toContain(name);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it("uses none of the words docs/style-words.md avoids, on any page", async () => {
    const words = avoidedWords(path.join(ROOT, "docs", "style-words.md"));
    const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
    const problems: string[] = [];
    for (const f of files) {
      const page = f.replace(/\\/g, "/").replace(/index\.html$/, "");
      problems.push(...styleProblems(page, await readFile(path.join(site, f), "utf8"), words));
    }
    expect(problems).toEqual([]);
  });

  it("ships no script that the content depends on: only the work view and search have one, inline", async () => {
    const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
    // The schools' self-check page is the one tool: running the checks is what it is for
    // (issue 16), under a policy that allows only its own inline code (selfcheck.e2e.test.ts).
    const tool = `${SELF_CHECK_PATH}/index.html`;
    expect(files).toContain(tool);
    for (const f of files) {
      const html = await readFile(path.join(site, f), "utf8");
      const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
      if (f === tool) {
        expect(html).toContain("connect-src 'none'");
      } else if (/(progress|search)[\\/]index\.html$/.test(f)) {
        expect(scripts, f).toHaveLength(1);
        expect(scripts[0], f).not.toMatch(/<script[^>]*\ssrc=/);
        expect(scripts[0]!.length, f).toBeLessThan(2_500);
      } else expect(scripts, f).toEqual([]);
      expect(html, f).toContain('<html lang="zh-CN">');
      // The system CJK font stack, and no web font from anywhere.
      expect(html, f).toMatch(/font-family:[^;]*Microsoft YaHei[^;]*Noto Sans CJK SC/);
      expect(html, f).not.toMatch(/@font-face|@import|<link[^>]+stylesheet/);
    }
  });

  it("lists the work view furthest behind first without JavaScript, and sorts it by a column with it", async () => {
    const lowest = (rows: string[][]) =>
      rows.map((cells) => {
        const values = cells.filter((v) => v !== "").map(Number);
        return values.length === 0 ? Infinity : Math.min(...values);
      });
    const rowsOf = (table: import("playwright-core").Locator) =>
      table
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) =>
            Array.from(tr.querySelectorAll("td.num")).map(
              (td) => td.getAttribute("data-value") ?? "",
            ),
          ),
        );
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(urlOf("2024-2025/progress/"));
    const schools = page.locator("table.progress").last();
    const order = lowest(await rowsOf(schools));
    expect(order.length).toBeGreaterThan(30);
    expect(order).toEqual([...order].sort((a, b) => (a === b ? 0 : a - b)));
    expect(await schools.locator("thead button").count()).toBe(0);
    await plain.close();

    const context = await browser.newContext();
    const js = await context.newPage();
    await js.goto(urlOf("2024-2025/progress/"));
    const table = js.locator("table.progress").last();
    const header = table.locator("thead th", { hasText: "谈心" });
    await header.locator("button").click();
    await expect(header.getAttribute("aria-sort")).resolves.toBe("ascending");
    const column = await table.locator("tbody tr").evaluateAll((trs, text) => {
      const heads = Array.from(trs[0]!.closest("table")!.querySelectorAll("thead th"));
      const col = heads.findIndex((h) => h.textContent!.includes(text));
      return trs.map((tr) => tr.children[col]!.getAttribute("data-value") ?? "");
    }, "谈心");
    const shown = column.filter((v) => v !== "").map(Number);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    // Hidden rates stay last.
    expect(column.slice(shown.length).every((v) => v === "")).toBe(true);
    await header.locator("button").click();
    await expect(header.getAttribute("aria-sort")).resolves.toBe("descending");
    await context.close();
  });
});

describe("annual summaries as PDF (npm run pdf on the sample)", () => {
  const NEWEST = "2024-2025";
  const manifest = async () =>
    JSON.parse(await readFile(path.join(site, SUMMARIES_MANIFEST), "utf8")) as SummariesManifest;

  it("makes one A4 PDF per area of the newest year, none for the older year", async () => {
    const m = await manifest();
    const newest = m.years.find((y) => y.year === NEWEST)!;
    expect(newest.summaries.length).toBeGreaterThan(40);
    for (const s of newest.summaries) {
      const doc = await getDocument({
        data: new Uint8Array(await readFile(path.join(site, s.pdf))),
        verbosity: 0,
      }).promise;
      expect(doc.numPages, s.pdf).toBeGreaterThan(0);
      for (const n of [1, doc.numPages]) {
        const { width, height } = (await doc.getPage(n)).getViewport({ scale: 1 });
        // A4 is 595.28 × 841.89 pt; Chromium writes 595.92 × 842.88.
        expect(Math.abs(width - 595.28), s.pdf).toBeLessThan(1);
        expect(Math.abs(height - 841.89), s.pdf).toBeLessThan(1.5);
      }
      await doc.destroy();
    }
    for (const s of m.years.find((y) => y.year !== NEWEST)!.summaries) {
      expect(existsSync(path.join(site, s.pdf)), s.pdf).toBe(false);
    }
  });

  it("fits the county on two or three pages and each school on one or two, none half empty but the last, with a .docx beside each", async () => {
    const m = await manifest();
    const newest = m.years.find((y) => y.year === NEWEST)!;
    const pages = new Map<string, number>();
    for (const s of newest.summaries) {
      const doc = await getDocument({
        data: new Uint8Array(await readFile(path.join(site, s.pdf))),
        verbosity: 0,
      }).promise;
      pages.set(s.unit, doc.numPages);
      // Every page but the last is at least half used: its lowest line of text (above the
      // footer's page number) lies in the lower half of the page.
      for (let n = 1; n < doc.numPages; n++) {
        const page = await doc.getPage(n);
        const { items } = await page.getTextContent();
        const ys = items
          .filter((i) => "str" in i && i.str.trim() !== "" && !/第|页/.test(i.str))
          .map((i) => ("transform" in i ? (i.transform as number[])[5]! : 842));
        const footer = 60;
        const lowest = Math.min(...ys.filter((y) => y > footer));
        expect(lowest, `${s.pdf} p.${n}`).toBeLessThan(842 / 2);
      }
      await doc.destroy();
      expect(existsSync(path.join(site, s.pdf.replace(/\.pdf$/, ".docx"))), s.pdf).toBe(true);
    }
    const region = pages.get("region")!;
    expect(region).toBeGreaterThanOrEqual(2);
    expect(region).toBeLessThanOrEqual(3);
    for (const s of newest.summaries.filter((u) => u.level === 0)) {
      expect(pages.get(s.unit), s.unitName).toBeLessThanOrEqual(2);
    }
  });

  it("prints the reference school's sentence into its PDF, with header and page numbers", async () => {
    const text = await readPdfText(
      await readFile(path.join(site, "downloads", NEWEST, `summary-${REFERENCE_SCHOOL.id}.pdf`)),
    );
    // Radicals folded into ideographs, NFKC, and either dash glyph as the year's dash.
    const pages = foldRadicals(text.pages)
      .replace(/\s+/g, "")
      .replace(/[\u2012-\u2015]/g, "—");
    expect(pages).toContain(
      `2024-2025学年，${REFERENCE_SCHOOL.name}共有在校学生848人，其中按教育统计口径认定的留守儿童175人（男生88人，女生87人），占在校学生总数的20.6%，比上学年下降1.3个百分点。`.normalize(
        "NFKC",
      ),
    );
    expect(pages).toContain(`青岚县教育局·${REFERENCE_SCHOOL.name}`);
    expect(pages).toContain(`第1页共${text.pageCount}页`);
  });

  it("shows the links to the PDF and the zip, and the zip holds the region's PDF and the CSVs", async () => {
    const page = await readFile(path.join(site, NEWEST, "region", "summary", "index.html"), "utf8");
    expect(page).toContain(`data-pdf-slot="${NEWEST}/region"`);
    expect(page).not.toContain(`data-pdf-slot="${NEWEST}/region" hidden`);
    const downloads = await readFile(path.join(site, "downloads", "index.html"), "utf8");
    expect(downloads).toContain(`data-pdf-slot="${NEWEST}/bundle"`);
    expect(downloads).not.toContain(`data-pdf-slot="${NEWEST}/bundle" hidden`);
    expect(downloads).toContain(`data-pdf-slot="2023-2024/bundle" hidden`);
    const zip = unzipSync(
      new Uint8Array(await readFile(path.join(site, "downloads", NEWEST, `lsrt-${NEWEST}.zip`))),
    );
    const names = Object.keys(zip);
    expect(names).toContain("青岚县2024-2025学年留守儿童关爱工作统计摘要.pdf");
    expect(names).toContain(`data/${NEWEST}/lb.sex.csv`);
    expect(names).toContain("data/schema.md");
  });
});

/** What a reader gets from a PDF: its pages and their text (its bytes may differ, see below). */
async function pdfContent(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const text = await readPdfText(bytes);
  return { pages: text.pageCount, text: text.lines };
}

describe("determinism", () => {
  it("builds and prints the same data twice into the same site: every byte, the PDFs' pages and text", async () => {
    const again = path.join(await tempDir(), "site");
    await makePdfs(again, await build(again));
    const list = async (d: string) => (await readdir(d, { recursive: true })).sort();
    const a = await list(site);
    expect(await list(again)).toEqual(a);
    for (const f of a) {
      if (!f.includes(".")) continue; // folders
      const [x, y] = await Promise.all([
        readFile(path.join(site, f)),
        readFile(path.join(again, f)),
      ]);
      // Chromium may number a tagged PDF's structure ids (table headers) in another order
      // from one run to the next; the pages, their text and everything else are the same.
      if (f.endsWith(".pdf")) {
        expect(await pdfContent(y), f).toEqual(await pdfContent(x));
      } else if (f.endsWith(".zip")) {
        const [zx, zy] = [unzipSync(new Uint8Array(x)), unzipSync(new Uint8Array(y))];
        expect(Object.keys(zy), f).toEqual(Object.keys(zx));
        for (const [name, content] of Object.entries(zx)) {
          if (name.endsWith(".pdf")) {
            expect(await pdfContent(zy[name]!), name).toEqual(await pdfContent(content));
          } else expect(Buffer.from(zy[name]!).equals(Buffer.from(content)), name).toBe(true);
        }
      } else expect(x.equals(y), f).toBe(true);
    }
    // A whole build and `npm run pdf` again: minutes on a shared 2-core machine.
  }, 900_000);
});
