/**
 * The schools' self-check page in Chromium (issue 16): the page `npm run self-check` writes,
 * served from a local server, given the sample's files and a folder of broken files — as CSV
 * and as Excel workbooks (.xlsx and .xls) — must show exactly the problems `check --json`
 * lists for the same files; no request may leave the page after it has loaded, and it must
 * work with the network cut and from file://. axe finds no violation, and nothing scrolls
 * sideways at 390 px.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as checkMain } from "../../scripts/check.ts";
import { main as selfCheckMain } from "../../scripts/self-check.ts";
import { serveSite, type SiteServer } from "../../src/cli/serveSite.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/printSummaries.ts";
import type { Problem } from "../../src/pipeline/problems.ts";
import { generateSample, writeSampleFiles } from "../../src/sample/index.ts";
import { writeBrokenWorkbooks } from "../helpers/brokenWorkbooks.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHOTS = path.join(ROOT, "test-output", "screenshots");
const CHROMIUM = "/usr/bin/chromium";
const YEAR = "2024-2025";

/** A data folder, its self-check page (served), and what `check --json` says about it. */
interface Case {
  data: string;
  page: string;
  expected: Problem[];
}

/** The data folders: the sample and the broken files, as CSV and as workbooks. */
const CASES = {
  sample: async () => path.join(ROOT, "data"),
  broken: async () => path.join(ROOT, "test", "fixtures", "selfcheck-broken"),
  /** The sample's newest year written as workbooks: .xlsx, .xls and CSV mixed. */
  sampleWorkbooks: async () => {
    const dir = await tempDir();
    await writeSampleFiles(dir, (await generateSample({ years: 1 }, "mixed")).files);
    return dir;
  },
  /** The broken files as .xlsx and .xls, and workbooks that cannot be read. */
  brokenWorkbooks: async () => {
    const dir = await tempDir();
    await writeBrokenWorkbooks(dir);
    return dir;
  },
};

let browser: Browser;
let server: SiteServer;
const cases = {} as Record<keyof typeof CASES, Case>;

/** A table as `check` reads one: CSV text or an Excel workbook. */
const TABLE = /\.(csv|xlsx|xlsm|xls)$/i;

async function tablesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => TABLE.test(n)).map((n) => path.join(dir, n));
}

/** The year's files of a data folder, per file field of the page. */
async function yearFiles(data: string) {
  const dir = path.join(data, YEAR);
  const photos = await readdir(path.join(dir, "photos")).catch(() => [] as string[]);
  const single = async (base: string) =>
    (await tablesIn(dir)).find((f) => path.basename(f).startsWith(`${base}.`))!;
  return {
    students: await tablesIn(path.join(dir, "students")),
    care: await tablesIn(path.join(dir, "care")),
    activities: await single("activities"),
    social: await single("social"),
    photos: photos.map((p) => path.join(dir, "photos", p)),
  };
}

/** The same files as `check` names them. */
async function checkedPaths(data: string): Promise<Set<string>> {
  const f = await yearFiles(data);
  const all = [...f.students, ...f.care, f.activities, f.social];
  return new Set(all.map((p) => path.relative(data, p).split(path.sep).join("/")));
}

/** A problem's file without the sheet a workbook's problems name ("（工作表“名单”）"). */
const plainFile = (file: string) => file.replace(/（工作表“.*”）$/, "");

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error("需要 Debian 的 Chromium：apt-get install -y chromium fonts-noto-cjk");
  }
  const site = await tempDir();
  for (const [name, make] of Object.entries(CASES) as [
    keyof typeof CASES,
    () => Promise<string>,
  ][]) {
    const data = await make();
    const page = path.join(site, name);
    const made = await runCommand(selfCheckMain, ["--data", data, "--out", page]);
    expect(made.code, made.out).toBe(0);
    const json = path.join(await tempDir(), "problems.json");
    const checked = await runCommand(checkMain, ["--data", data, "--json", json, "--quiet"]);
    expect(checked.code, checked.out).toBeLessThanOrEqual(1);
    const chosen = await checkedPaths(data);
    const all = JSON.parse(await readFile(json, "utf8")) as Problem[];
    cases[name] = { data, page, expected: all.filter((p) => chosen.has(plainFile(p.file))) };
  }
  server = await serveSite(site, "/");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDataDirs();
});

/** Chooses the year's files of a data folder on the page and waits for the report. */
async function checkYear(page: Page, data: string): Promise<void> {
  const f = await yearFiles(data);
  await page.setInputFiles("#students", f.students);
  await page.setInputFiles("#care", f.care);
  await page.setInputFiles("#activities", f.activities);
  await page.setInputFiles("#social", f.social);
  await page.setInputFiles("#photos", f.photos);
  await page.click("#start");
  await page.waitForSelector("#result:not([hidden])", { timeout: 60_000 });
}

/** The problems the page shows, read back from its tables. */
function shownProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("#result section.file-section")].flatMap((section) => {
      const file = section.querySelector("h2 .file")!.textContent!;
      return [...section.querySelectorAll("tbody tr")].map((tr) => {
        const cell = (label: string) => tr.querySelector(`td[data-label="${label}"]`)!.textContent!;
        const row = cell("行");
        const column = cell("列");
        return {
          file,
          row: row === "整个文件" ? null : Number(row),
          column: column === "—" ? null : column,
          code: cell("问题代码"),
          severity: tr.classList.contains("error") ? "error" : "warning",
          message: cell("说明"),
        };
      });
    }),
  ) as Promise<Problem[]>;
}

async function open(width = 1280, height = 800): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { context, page };
}

describe("the self-check page in Chromium", () => {
  for (const name of ["sample", "broken", "sampleWorkbooks", "brokenWorkbooks"] as const) {
    it(`shows for the ${name} files exactly the problems check --json lists for them`, async () => {
      const { data, expected } = cases[name];
      const { context, page } = await open();
      await page.goto(server.url(`${name}/`));
      await checkYear(page, data);
      const shown = await shownProblems(page);
      expect(shown).toEqual(expected);
      const errors = expected.filter((p) => p.severity === "error").length;
      const verdict = await page.locator("#result .verdict").textContent();
      if (errors === 0) expect(verdict).toMatch(/^可以报送/);
      else expect(verdict).toBe(`有 ${errors} 个错误需要更正后再报送。`);
      await expect(page.locator("#status").textContent()).resolves.toMatch(/^检查完成/);
      // The progress bar ends full, and the report says how many rows were read.
      const bar = await page.$eval("#progress", (p) => [
        (p as HTMLProgressElement).value,
        (p as HTMLProgressElement).max,
      ]);
      expect(bar[0]).toBe(bar[1]);
      await expect(page.locator("#result .meta").textContent()).resolves.toMatch(
        /读取了 [\d,]+ 行数据/,
      );
      await context.close();
    });
  }

  it("finds problems in the broken files, masking every 学籍号 it quotes", async () => {
    const { expected } = cases.broken;
    expect(expected.length).toBeGreaterThan(25);
    expect(new Set(expected.map((p) => p.code)).size).toBeGreaterThan(15);
    const text = (await readFile(path.join(cases.broken.data, YEAR, "students", "2151270101.csv")))
      .toString()
      .match(/G\d{17}[\dX]/g)!;
    const { context, page } = await open();
    await page.goto(server.url("broken/"));
    await checkYear(page, cases.broken.data);
    const shown = (await page.locator("#result").textContent())!;
    for (const no of text) expect(shown).not.toContain(no);
    expect(shown).toContain("G4403…7051");
    await context.close();
  });

  for (const name of ["broken", "brokenWorkbooks"] as const) {
    it(`sends no request after it has loaded (${name}), and its policy forbids every connection`, async () => {
      const { context, page } = await open();
      await page.goto(server.url(`${name}/`));
      await page.waitForLoadState("load");
      const requests: string[] = [];
      // Every request from now on is recorded and refused.
      await context.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      page.on("request", (r) => {
        if (!r.url().startsWith("blob:") && !r.url().startsWith("data:")) requests.push(r.url());
      });
      // Nothing the page or its worker does (SheetJS included) trips the policy.
      const complaints: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && complaints.push(m.text())));
      page.on("pageerror", (e) => complaints.push(e.message));
      await checkYear(page, cases[name].data);
      expect(await shownProblems(page)).toEqual(cases[name].expected);
      expect(complaints).toEqual([]);
      // A script that tried to send something could not: the policy blocks it.
      const attempt = await page.evaluate(() =>
        fetch("/leak", { method: "POST", body: "x" }).then(
          () => "sent",
          () => "blocked",
        ),
      );
      expect(attempt).toBe("blocked");
      // So could a worker, where the files are read: a blob: worker keeps the page's policy.
      const fromWorker = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const code = `fetch("${location.origin}/leak").then(() => postMessage("sent"), () => postMessage("blocked"));`;
            const worker = new Worker(URL.createObjectURL(new Blob([code])));
            worker.onmessage = (e) => resolve(String(e.data));
          }),
      );
      expect(fromWorker).toBe("blocked");
      expect(requests).toEqual([]);
      const csp = await page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute("content");
      expect(csp).toContain("connect-src 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).not.toContain("unsafe-inline");
      await context.close();
    });
  }

  for (const name of ["broken", "brokenWorkbooks"] as const) {
    it(`works with the network cut, and opened from a file (a USB stick): ${name}`, async () => {
      const { data, page: dir, expected } = cases[name];
      const { context, page } = await open();
      await page.goto(server.url(`${name}/`));
      await context.setOffline(true);
      await checkYear(page, data);
      expect(await shownProblems(page)).toEqual(expected);
      await context.close();

      const local = await open();
      await local.page.goto(`file://${path.join(dir, "index.html")}`);
      await checkYear(local.page, data);
      expect(await shownProblems(local.page)).toEqual(expected);
      await local.context.close();
    });
  }

  it("reads .xlsx and .xls files as check does: sheets, column letters, unreadable workbooks", async () => {
    const { data, expected } = cases.brokenWorkbooks;
    const f = await yearFiles(data);
    const chosen = [...f.students, ...f.care, f.activities, f.social].map((p) => path.extname(p));
    expect(new Set(chosen)).toEqual(new Set([".xlsx", ".xls", ".csv"]));
    const codes = new Set(expected.map((p) => p.code));
    for (const code of [
      "E_WORKBOOK_ENCRYPTED",
      "E_WORKBOOK_ZIP_BOMB",
      "E_WORKBOOK_UNREADABLE",
      "E_WORKBOOK_SHEETS_AMBIGUOUS",
      "W_WORKBOOK_HIDDEN_SHEET",
      "W_WORKBOOK_HIDDEN_ROWS",
      "W_HEADER_BELOW_TITLE",
      "E_EXCEL_DAMAGED_NUMBER",
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(codes).not.toContain("E_FILE_BINARY");
    expect(expected.some((p) => p.file.endsWith(".xls（工作表“名单”）"))).toBe(true);
    expect(expected.some((p) => /（[A-Z]+ 列）$/.test(p.column ?? ""))).toBe(true);
    // The sample as workbooks: .xls and .xlsx files among the chosen ones, and no error.
    const sample = await yearFiles(cases.sampleWorkbooks.data);
    const books = [...sample.students, ...sample.care, sample.activities, sample.social];
    expect(new Set(books.map((p) => path.extname(p)))).toEqual(new Set([".csv", ".xlsx", ".xls"]));
    expect(cases.sampleWorkbooks.expected.filter((p) => p.severity === "error")).toEqual([]);

    const { context, page } = await open();
    await page.goto(server.url("brokenWorkbooks/"));
    for (const id of ["students", "care", "activities", "social"]) {
      const accept = (await page.getAttribute(`#${id}`, "accept"))!.split(",");
      expect(accept, id).toEqual(expect.arrayContaining([".csv", ".xlsx", ".xls"]));
    }
    await checkYear(page, data);
    const shown = (await page.locator("#result").textContent())!;
    expect(shown).not.toContain("440306201805087051");
    expect(shown).toContain("工作表“学生名单”");
    await context.close();
  });

  it("stores nothing of the files: no cookies, storage or caches after a check", async () => {
    const { context, page } = await open();
    await page.goto(server.url("broken/"));
    await checkYear(page, cases.broken.data);
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
    expect(stored).toEqual({ local: 0, session: 0, cookie: "", databases: 0, caches: 0 });
    await context.close();
  });

  it("has no axe violation and no sideways scrolling at 390 and 1280 px, before and after a check", async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const { context, page } = await open(width, height);
      await page.goto(server.url("broken/"));
      const axe = async () =>
        (await new AxeBuilder({ page }).analyze()).violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`,
        );
      const overflow = () =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
      expect(await axe()).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `自查-${width}x${height}.png`) });
      await checkYear(page, cases.broken.data);
      expect(await axe()).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.locator("#result").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `自查结果-${width}x${height}.png`) });
      // The same with workbooks: the report names sheets and column letters.
      await page.click('button[type="reset"]');
      await checkYear(page, cases.brokenWorkbooks.data);
      expect(await shownProblems(page)).toEqual(cases.brokenWorkbooks.expected);
      expect(await axe()).toEqual([]);
      expect(await overflow()).toBeLessThanOrEqual(0);
      // Every table's caption spans the report (at 390 px it once shrank to a character a line).
      const narrowest = await page.$$eval("#result caption", (cs) =>
        Math.min(...cs.map((c) => c.getBoundingClientRect().width)),
      );
      expect(narrowest).toBeGreaterThan(width * 0.7);
      const top = (selector: string) =>
        page.$eval(selector, (e) => e.scrollIntoView({ block: "start" }));
      await top("#result");
      await page.screenshot({ path: path.join(SHOTS, `自查结果-工作簿-${width}x${height}.png`) });
      await top("#result section.file-section:nth-of-type(2) h2");
      await page.screenshot({
        path: path.join(SHOTS, `自查结果-工作簿-表格-${width}x${height}.png`),
      });
      await context.close();
    }
  });

  it("holds text zoomed to 200 % at 360 px (720 px wide) without sideways scrolling", async () => {
    // The larger text is the reader's setting: the page's CSP does not apply to it.
    const context = await browser.newContext({
      viewport: { width: 720, height: 740 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(server.url("broken/"));
    await page.addStyleTag({ content: ":root { font-size: 225% !important; }" });
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    expect(await overflow()).toBeLessThanOrEqual(0);
    await checkYear(page, cases.broken.data);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  });

  it("asks for the roster when only care records are chosen, and for a file when none is", async () => {
    const { context, page } = await open();
    await page.goto(server.url("broken/"));
    await page.click("#start");
    await expect(page.locator("#notice").textContent()).resolves.toBe("请先选择要检查的文件。");
    const f = await yearFiles(cases.broken.data);
    await page.setInputFiles("#care", f.care);
    await page.click("#start");
    await expect(page.locator("#notice").textContent()).resolves.toMatch(
      /请同时选择本校的学生名单/,
    );
    expect(await page.locator("#result").isHidden()).toBe(true);
    await context.close();
  });
});
