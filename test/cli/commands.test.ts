/**
 * The commands as a data officer runs them: `check` and `build` on the embedded sample and on
 * folders with errors, their exit codes, report files, and what they refuse to do.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main as buildMain } from "../../scripts/build.ts";
import { main as checkMain } from "../../scripts/check.ts";
import { UsageError } from "../../src/cli/args.ts";
import { readImageFacts } from "../../src/pipeline/photos/processPhotos.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { writeXlsx } from "../../src/pipeline/xlsxWriter.ts";
import { REFERENCE_SCHOOL } from "../../src/sample/index.ts";
import {
  ACTIVITIES,
  BASE_ACTIVITIES,
  PROBLEM_FIELDS,
  BASE_STUDENTS,
  STUDENTS,
  activityRow,
  csv,
  headersOf,
  removeDataDirs,
  rosterCsv,
  tempDir,
  writeDataDir,
} from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAMPLE = path.join(ROOT, "data");

const run = runCommand;

afterEach(() => vi.restoreAllMocks());
afterAll(removeDataDirs);

describe("check on the embedded sample", () => {
  it("finds no error in data/ and exits 0", async () => {
    const { code, out } = await run(checkMain, ["--quiet"]);
    expect(code).toBe(0);
    expect(out).toMatch(/共 0 个错误/);
  });

  it("holds the reference school with exactly 848 pupils, 175 left-behind (88 boys, 87 girls)", async () => {
    const { data, errors } = await validateData(SAMPLE, { keepRows: true });
    expect(errors).toBe(0);
    const newest = data.years.at(-1)!;
    const pupils = newest.students.filter((s) => s.school_id === REFERENCE_SCHOOL.id);
    const lb = pupils.filter((s) => s.left_behind !== "非留守儿童");
    expect(pupils).toHaveLength(848);
    expect(lb).toHaveLength(175);
    expect(lb.filter((s) => s.sex === "男")).toHaveLength(88);
    expect(lb.filter((s) => s.sex === "女")).toHaveLength(87);
    expect(((lb.length / pupils.length) * 100).toFixed(1)).toBe("20.6");
  });
});

describe("check on a folder with errors", () => {
  it("exits 1 and names each error at its file and row, in JSON with exactly six fields", async () => {
    const rows = BASE_STUDENTS.map((r) => [...r]);
    rows[1]![4] = "2024-02-30";
    const dir = await writeDataDir({ [STUDENTS]: rosterCsv(rows) });
    const out = await tempDir();
    const json = path.join(out, "problems.json");
    const html = path.join(out, "report.html");
    const { code, out: printed } = await run(checkMain, [
      "--data",
      dir,
      "--json",
      json,
      "--html",
      html,
      "--quiet",
    ]);
    expect(code).toBe(1);
    expect(printed).toContain(`${STUDENTS}：1 个错误`);
    const problems = JSON.parse(await readFile(json, "utf8")) as Record<string, unknown>[];
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: STUDENTS,
        row: 3,
        column: "出生日期",
        code: "E_DATE_INVALID",
        severity: "error",
      }),
    );
    for (const p of problems) {
      expect(Object.keys(p).sort()).toEqual(PROBLEM_FIELDS);
    }
    const report = await readFile(html, "utf8");
    expect(report).toContain('<html lang="zh-CN">');
    expect(report).toContain("E_DATE_INVALID");
  });

  it("refuses to write a report into the data folder", async () => {
    const dir = await writeDataDir({});
    await expect(checkMain(["--data", dir, "--json", path.join(dir, "p.json")])).rejects.toThrow(
      UsageError,
    );
    expect(existsSync(path.join(dir, "p.json"))).toBe(false);
  });

  it("explains itself in Chinese with --help and rejects unknown options", async () => {
    const { code, out } = await run(checkMain, ["--help"]);
    expect(code).toBe(0);
    expect(out).toContain("用法：npm run check");
    await expect(checkMain(["--frobnicate"])).rejects.toThrow(/不认识的选项/);
  });
});

describe("build", () => {
  it("writes nothing when the data has an error, and leaves an earlier site untouched", async () => {
    const rows = BASE_STUDENTS.map((r) => [...r]);
    rows[0]![5] = "十年级";
    const dir = await writeDataDir({ [STUDENTS]: rosterCsv(rows) });
    const parent = await tempDir();
    const out = path.join(parent, "site");
    await mkdir(out);
    await writeFile(path.join(out, ".lsrt-build"), "");
    await writeFile(path.join(out, "index.html"), "earlier site");
    const { code } = await run(buildMain, ["--data", dir, "--out", out]);
    expect(code).toBe(1);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("earlier site");
    expect((await readdir(parent)).sort()).toEqual(["site"]);
  });

  it("builds a Chinese site from a valid folder and never writes into the data folder", async () => {
    const dir = await writeDataDir({});
    const before = (await readdir(dir, { recursive: true })).sort();
    const out = path.join(await tempDir(), "site");
    const { code } = await run(buildMain, ["--data", dir, "--out", out]);
    expect(code).toBe(0);
    const index = await readFile(path.join(out, "index.html"), "utf8");
    expect(index).toContain('<html lang="zh-CN">');
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(before);
  });

  it("fails on a planted leak, naming the file, and leaves no site behind", async () => {
    const dir = await writeDataDir({});
    const out = path.join(await tempDir(), "site");
    const { code, out: log } = await run(
      (argv) =>
        buildMain(argv, {
          beforeGuard: async (site) => {
            // A roster name of the base county where no page should ever put one.
            await writeFile(path.join(site, "leak.html"), "<p>王小明同学获得表彰</p>");
          },
        }),
      ["--data", dir, "--out", out],
    );
    expect(code).toBe(1);
    expect(log).toMatch(/\[隐私检查\] site\/leak\.html：发现疑似学生姓名「王＊＊」/);
    expect(log).not.toContain("王小明");
    expect(existsSync(out)).toBe(false);
  });

  it("fails on a leak planted in the year's workbook, naming the sheet's part", async () => {
    const dir = await writeDataDir({});
    const out = path.join(await tempDir(), "site");
    const book = "downloads/2024-2025/留守儿童关爱统计-2024-2025.xlsx";
    const { code, out: log } = await run(
      (argv) =>
        buildMain(argv, {
          beforeGuard: async (site) => {
            const sheets = [{ name: "说明", rows: [["表彰：王小明"]] }];
            await writeFile(path.join(site, ...book.split("/")), writeXlsx(sheets));
          },
        }),
      ["--data", dir, "--out", out],
    );
    expect(code).toBe(1);
    expect(log).toContain(
      `[隐私检查] site/${book}!xl/worksheets/sheet1.xml：发现疑似学生姓名「王＊＊」`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("publishes an activity with its consented photo, redacted and escaped text", async () => {
    const dir = await writeDataDir({
      [ACTIVITIES]: csv(headersOf("activities"), [
        activityRow({
          title: "<script>alert(1)</script>中秋活动",
          summary: '王小明同学<img src=x onerror="alert(1)">，家长电话13812345678。',
        }),
        ...BASE_ACTIVITIES.slice(1),
      ]),
    });
    const out = path.join(await tempDir(), "site");
    const { code, out: log } = await run(buildMain, ["--data", dir, "--out", out]);
    expect(code, log).toBe(0);
    expect(log).toMatch(/W_TEXT_REDACTED|已自动替换/);
    const page = await readFile(
      path.join(out, "2024-2025", "activities", "1", "index.html"),
      "utf8",
    );
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;中秋活动");
    // Parsed as a browser would: the markup typed into the CSV made no element.
    const { document } = parseHTML(page);
    expect(document.querySelectorAll("script").length).toBe(0);
    expect([...document.querySelectorAll("[onerror]")].length).toBe(0);
    expect([...document.querySelectorAll("img")].every((i) => i.getAttribute("src") !== "x")).toBe(
      true,
    );
    expect(document.querySelector("h1")?.textContent).toBe("<script>alert(1)</script>中秋活动");
    // The full-width comma typed in the CSV is published as typed.
    expect(page).toContain(
      "某同学同学&lt;img src=x onerror=&quot;alert(1)&quot;&gt;，家长电话＊＊＊。",
    );
    expect(page).not.toContain("王小明");
    expect(page).not.toContain("13812345678");
    const photos = await readdir(path.join(out, "photos"));
    expect(photos.length).toBeGreaterThan(0);
    for (const p of photos) {
      expect(p).toMatch(/^[0-9a-f]{16}-\d+\.webp$/);
      const facts = await readImageFacts(path.join(out, "photos", p));
      expect([facts.exif, facts.xmp, facts.iptc, facts.icc]).toEqual([false, false, false, false]);
    }
    expect(page).toMatch(
      /<img src="\/photos\/[0-9a-f]{16}-\d+\.webp"[^>]* width="\d+" height="\d+" loading="lazy"/,
    );
  });

  it("refuses to replace a folder it did not make", async () => {
    const dir = await writeDataDir({});
    const out = await tempDir();
    await writeFile(path.join(out, "keep.txt"), "someone's file");
    await expect(buildMain(["--data", dir, "--out", out])).rejects.toThrow(/不是本工具生成的/);
    expect(await readFile(path.join(out, "keep.txt"), "utf8")).toBe("someone's file");
  });
});
