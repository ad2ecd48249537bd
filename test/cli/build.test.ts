/**
 * `npm run build` on the embedded sample, end to end: check → measure → protect → audit →
 * published files → the public audit on the files as written. One build, shared by the tests.
 */
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as XLSX from "@e965/xlsx";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as auditMain } from "../../scripts/audit.ts";
import { main as buildMain } from "../../scripts/build.ts";
import { measure } from "../../src/pipeline/measure/measure.ts";
import type { PublishedSystem, PublishedYear } from "../../src/pipeline/publish/publishable.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { REFERENCE_SCHOOL } from "../../src/sample/index.ts";
import { SUMMARIES_MANIFEST, type SummariesManifest } from "../../src/site/summaries.ts";
import { removeDataDirs, tempDir } from "../helpers/dataDir.ts";
import { runCommand } from "../helpers/run.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SAMPLE = path.join(ROOT, "data");
const NEWEST = "2024-2025";

const run = runCommand;

let site = "";
let zip = "";
let log = "";
let dataBefore: string[] = [];
beforeAll(async () => {
  dataBefore = (await readdir(SAMPLE, { recursive: true })).sort();
  const dir = await tempDir();
  site = path.join(dir, "site");
  zip = path.join(dir, "upload", "lsrt-site.zip");
  const { code, out } = await run(buildMain, ["--data", SAMPLE, "--out", site, "--zip", zip]);
  log = out;
  expect(code, out).toBe(0);
}, 600_000);
afterAll(removeDataDirs);

const readJson = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(path.join(site, file), "utf8")) as T;

describe("build on the sample", () => {
  it("writes the finished site as one zip for upload: every file, byte for byte, without the marker", async () => {
    const entries = unzipSync(new Uint8Array(await readFile(zip)));
    const files = (await readdir(site, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(site, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .filter((f) => f !== ".lsrt-build")
      .sort();
    expect(Object.keys(entries)).toEqual(files);
    for (const f of [
      "index.html",
      "favicon.svg",
      "search/index.html",
      "data/2024-2025/lb.sex.csv",
    ]) {
      expect(Buffer.from(entries[f]!).equals(await readFile(path.join(site, f))), f).toBe(true);
    }
    expect(log).toContain("[压缩包]");
  });

  it("refuses a zip inside the output folder or the data folder, before doing anything", async () => {
    const argv = (zipFile: string) => ["--data", SAMPLE, "--out", site, "--zip", zipFile];
    await expect(buildMain(argv(path.join(site, "a.zip")))).rejects.toThrow(
      "网站压缩包不能放在网站输出文件夹里面",
    );
    await expect(buildMain(argv(path.join(SAMPLE, "a.zip")))).rejects.toThrow(
      "网站压缩包不能写在数据文件夹",
    );
    await expect(buildMain(argv(path.join(site, "..", "a.rar")))).rejects.toThrow(".zip 结尾");
  });

  it("runs the privacy guard over every output file", () => {
    expect(log).toContain("[隐私检查] 通过");
  });

  it("measures, protects and audits every year, and says so", () => {
    for (const year of ["2023-2024", NEWEST]) {
      expect(log).toMatch(new RegExp(`\\[保护\\] ${year} 学年：\\d+ 个数字已保护，核查通过`));
      expect(log).toMatch(new RegExp(`\\[核查\\] ${year} 学年：\\d+ 个数字，\\d+ 个已保护，通过`));
    }
  });

  it("writes the published tables of every year as JSON and CSV, and not into data/", async () => {
    for (const year of ["2023-2024", NEWEST]) {
      const files = await readdir(path.join(site, "data", year));
      expect(files).toEqual(expect.arrayContaining(["tables.json", "system.json", "enr.csv"]));
      const csv = await readFile(path.join(site, "data", year, "lb.sex.csv"), "utf8");
      expect(csv.startsWith("\uFEFF单位代码,单位,表,类别,数值,状态")).toBe(true);
    }
    expect((await readdir(SAMPLE, { recursive: true })).sort()).toEqual(dataBefore);
  });

  it("publishes the reference school unsuppressed: 848 pupils, 175 left-behind (88 + 87), 20.6%", async () => {
    const year = await readJson<PublishedYear>(`data/${NEWEST}/tables.json`);
    const row = (table: string, category = "") =>
      year.tables
        .find((t) => t.id === `${table}|u=${REFERENCE_SCHOOL.id}`)!
        .rows.find((r) => r.category === category)!;
    expect(row("enr").value).toEqual({ kind: "count", status: "published", value: 848 });
    expect(row("lb.moe").value).toEqual({ kind: "count", status: "published", value: 175 });
    expect(row("lb.moe").ratio).toEqual({ status: "published", percent: 20.6 });
    expect(row("lb.sex", "男").value).toMatchObject({ status: "published", value: 88 });
    expect(row("lb.sex", "女").value).toMatchObject({ status: "published", value: 87 });
  });

  it("publishes every enrolment figure and the loss report, and keeps the breaks of issue 11 closed", async () => {
    for (const year of ["2023-2024", NEWEST]) {
      const system = await readJson<PublishedSystem>(`data/${year}/system.json`);
      const tables = await readJson<PublishedYear>(`data/${year}/tables.json`);
      const byId = new Map(system.figures.map((f) => [f.id, f]));
      // Enrolment is public knowledge: every enr.* figure is published and marked public.
      const enrolment = system.figures.filter(
        (f) => f.table === "enr" || f.table.startsWith("enr."),
      );
      expect(enrolment.length).toBeGreaterThan(100);
      for (const f of enrolment) {
        expect(f.public, f.id).toBe(true);
        expect(f.status, f.id).not.toBe("suppressed");
      }
      // A donor total is exactly its donors' sum: the only other cells are those of schools
      // without social support, each shown as a true zero (or hidden with a tiny school).
      const region = byId.get("soc.beneficiaries|u=region")!;
      const donors = system.figures.filter((f) =>
        f.id.startsWith("soc.beneficiaries.donor|u=region|"),
      );
      expect(donors.length).toBeGreaterThan(1);
      const donorCells = new Set(donors.flatMap((d) => d.decompositions[0]!));
      const zeroCells = new Set(
        system.figures
          .filter((f) => f.table === "soc.beneficiaries" && f.status !== "published")
          .filter((f) => f.decompositions[0]!.every((c) => !donorCells.has(c)))
          .flatMap((f) => f.decompositions[0]!),
      );
      for (const c of region.decompositions[0]!) {
        expect(donorCells.has(c) || zeroCells.has(c), `cell ${c}`).toBe(true);
      }
      // The 2016 count holds every 双亲 pupil of a school without 初中 grades.
      const ref = REFERENCE_SCHOOL.id;
      const both = byId.get(`lb.type|u=${ref}|双亲留守儿童`)!.decompositions[0]!;
      const sc = new Set(byId.get(`lb.sc|u=${ref}`)!.decompositions[0]!);
      expect(both.every((c) => sc.has(c))).toBe(true);
      // Every hidden participation or donor figure keeps an interval of at least k.
      for (const f of system.figures) {
        if (f.status !== "suppressed" || !/^(act\.lb|soc\.beneficiaries)/.test(f.table)) continue;
        // (No upper bound is written as null.)
        const [lo, hi] = f.interval as [number, number | null];
        expect((hi ?? Infinity) - lo, f.id).toBeGreaterThanOrEqual(system.k);
      }
      // The loss report counts every figure once.
      const loss = tables.disclosure.loss;
      expect(loss.reduce((a, r) => a + r.figures, 0)).toBe(system.figures.length);
      expect(
        loss.filter((r) => r.table.startsWith("enr")).every((r) => r.primary + r.secondary === 0),
      ).toBe(true);
    }
    // Activity pages no longer print per-activity participant counts.
    const dir = path.join(site, NEWEST, "activities");
    const first = (await readdir(dir)).find((n) => /^\d+$/.test(n))!;
    const page = await readFile(path.join(dir, first, "index.html"), "utf8");
    expect(page).not.toContain("参加的留守儿童");
    expect(page).not.toMatch(/少于\d+人/);
  });

  it("prints no count of children and no percentage that is not a published figure", async () => {
    // Every "N人", "N人次", "N人月", "N人·学期" and "N%" in the text of every page must be a
    // published count (or a bound of a shown interval, or k), a published percentage or band,
    // or a published change: a number printed outside the protected tables is a relation the
    // audit cannot see. (Axis ticks inside the charts' SVG are scale marks, not figures.)
    const counts = new Set<number>();
    const percents = new Set<number>();
    for (const year of ["2023-2024", NEWEST]) {
      const tables = await readJson<PublishedYear>(`data/${year}/tables.json`);
      counts.add(tables.disclosure.k).add(tables.disclosure.kSensitive).add(0);
      for (const t of tables.tables) {
        for (const r of t.rows) {
          const v = r.value;
          if (v.kind === "plain" || (v.kind === "count" && v.status === "published")) {
            counts.add(v.value);
          }
          if (v.kind === "count" && v.status === "suppressed") {
            for (const b of v.interval) if (b !== null) counts.add(b);
          }
          const q = r.ratio;
          if (q?.status === "published") percents.add(q.percent);
          if (q?.status === "band") percents.add(q.atLeast ?? q.atMost!);
        }
      }
      for (const c of tables.changes) {
        counts.add(Math.abs(c.current - c.previous));
        if (c.points !== undefined) percents.add(Math.abs(c.points));
      }
    }
    const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(100);
    const strays: string[] = [];
    for (const page of pages) {
      const text = (await readFile(path.join(site, page), "utf8"))
        .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, " ")
        .replace(/<[^>]+>/g, " ")
        .replace(/&nbsp;/g, " ");
      for (const m of text.matchAll(/(\d[\d,]*)\s*(?:人次|人月|人·学期|人)/g)) {
        if (!counts.has(Number(m[1]!.replace(/,/g, "")))) strays.push(`${page}: ${m[0]}`);
      }
      for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|个百分点)/g)) {
        if (!percents.has(Number(m[1]))) strays.push(`${page}: ${m[0]}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it("lists social support per donor on the region page: times, what was given, 元, beneficiaries, and a chart", async () => {
    const page = await readFile(path.join(site, NEWEST, "index.html"), "utf8");
    const text = page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("社会关爱单位及捐赠、帮扶内容");
    // 团县委 gave 图书角图书 twice in the sample's newest year (1.7万 + 1.3万 元).
    const social = await readFile(path.join(SAMPLE, NEWEST, "social.csv"), "utf8");
    expect(social).toContain("团县委,图书角图书");
    expect(text).toMatch(/团县委 2 图书角图书 3\.1万元 /);
    expect(page).toContain("各单位捐赠折合金额");
  });

  it("publishes activity text with its full-width punctuation as typed", async () => {
    const dir = path.join(site, NEWEST, "activities");
    const pages = await Promise.all(
      (await readdir(dir))
        .filter((n) => /^\d+$/.test(n))
        .map((n) => readFile(path.join(dir, n, "index.html"), "utf8")),
    );
    expect(pages.some((p) => p.includes("做月饼、猜灯谜，为留守儿童送上节日祝福。"))).toBe(true);
    expect(pages.some((p) => p.includes("猜灯谜,为"))).toBe(false);
  });

  it("writes the reference school's summary with the sentence of its published figures", async () => {
    const page = await readFile(
      path.join(site, NEWEST, REFERENCE_SCHOOL.id, "summary", "index.html"),
      "utf8",
    );
    expect(page).toContain(
      `2024-2025学年，${REFERENCE_SCHOOL.name}共有在校学生848人，其中按教育统计口径认定的留守儿童175人（男生88人，女生87人），占在校学生总数的20.6%，比上学年下降1.3个百分点。`,
    );
    // The PDF link waits, hidden, until `npm run pdf` has made the file.
    expect(page).toContain(`data-pdf-slot="${NEWEST}/${REFERENCE_SCHOOL.id}" hidden`);
  });

  it("writes each summary in the sections of a work report, with the bureau's text for the county only", async () => {
    const text = (html: string) =>
      html
        .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, " ")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ");
    const region = await readFile(
      path.join(site, NEWEST, "region", "summary", "index.html"),
      "utf8",
    );
    const headings = [...region.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]!.trim());
    expect(headings).toEqual([
      "一、基本情况",
      "二、主要做法和成效",
      "三、存在的问题",
      "四、下一步工作",
      "统计口径和说明",
    ]);
    // 存在的问题 names the weakest published rates with their figures.
    expect(text(region)).toMatch(/一是部分关爱工作覆盖面偏小。全县留守儿童中，[^。]*\d+\.\d%/);
    expect(text(region)).toContain("一是补齐关爱工作短板。");
    expect(region).not.toContain("data-docx-blank");
    expect(text(region)).toMatch(/编制单位：青岚县教育局[\s\u3000]*发布日期：\s*\d{4}年\d+月\d+日/);
    // A school without the bureau's text: no 下一步工作 on the page, only the editable copy's
    // marker, which prints nothing.
    const school = await readFile(
      path.join(site, NEWEST, REFERENCE_SCHOOL.id, "summary", "index.html"),
      "utf8",
    );
    expect(text(school)).not.toContain("下一步工作");
    expect(text(school)).not.toContain("由编制单位填写");
    expect(school).toContain('data-docx-blank="四、下一步工作" hidden');
    // One way of writing a school year.
    expect(text(school)).not.toMatch(/\d{4}[—–]\d{4}/);
  });

  it("lists every summary of every year, and the files to bundle, for `npm run pdf`", async () => {
    const manifest = await readJson<SummariesManifest>(SUMMARIES_MANIFEST);
    const tables = await readJson<PublishedYear>(`data/${NEWEST}/tables.json`);
    const year = manifest.years.find((y) => y.year === NEWEST)!;
    expect(year.summaries.map((s) => s.unit)).toEqual(tables.units.map((u) => u.id));
    expect(year.summaries[0]).toMatchObject({
      unit: "region",
      page: `${NEWEST}/region/summary/`,
      pdf: `downloads/${NEWEST}/summary-region.pdf`,
    });
    for (const s of year.summaries) {
      await expect(readFile(path.join(site, s.page, "index.html"), "utf8")).resolves.toContain(
        `data-pdf-slot="${s.slot}" hidden`,
      );
    }
    expect(year.bundle.files).toContain(`data/${NEWEST}/lb.sex.csv`);
    expect(year.bundle.files).toContain(`downloads/${NEWEST}/留守儿童关爱统计-${NEWEST}.xlsx`);
    for (const f of year.bundle.files) {
      await expect(readFile(path.join(site, f))).resolves.toBeInstanceOf(Buffer);
    }
  });

  it("writes every year's workbook, with the reference school's published figures, and links it", async () => {
    for (const year of ["2023-2024", NEWEST]) {
      const file = path.join(site, "downloads", year, `留守儿童关爱统计-${year}.xlsx`);
      const wb = XLSX.read(await readFile(file), { type: "buffer" });
      expect(wb.SheetNames[0]).toBe("说明");
      expect(wb.SheetNames).toContain("关爱覆盖");
    }
    const wb = XLSX.read(
      await readFile(path.join(site, "downloads", NEWEST, `留守儿童关爱统计-${NEWEST}.xlsx`)),
      { type: "buffer" },
    );
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["在校生与留守儿童"]!, { header: 1 });
    const school = rows.find((r) => r[3] === REFERENCE_SCHOOL.id)!;
    expect(school[2]).toBe(REFERENCE_SCHOOL.name);
    expect(school.slice(4, 7)).toEqual([848, undefined, 175]);
    const downloads = await readFile(path.join(site, "downloads", "index.html"), "utf8");
    expect(downloads).toContain(`留守儿童关爱统计-${NEWEST}.xlsx`);
  });

  it("passes `npm run audit` on what it wrote", async () => {
    const { code, out } = await run(auditMain, ["--site", site]);
    expect(code, out).toBe(0);
    expect(out).toMatch(/核查通过：2 个学年/);
  }, 300_000);

  it("fails `npm run audit` on a copy where one suppressed cell shows its true value", async () => {
    const copy = path.join(await tempDir(), "site");
    await cp(site, copy, { recursive: true });
    const file = path.join(copy, "data", NEWEST, "system.json");
    const system = JSON.parse(await readFile(file, "utf8")) as PublishedSystem;
    const validated = await validateData(SAMPLE, { keepRows: true });
    const truth = measure(validated.data).years.find((y) => y.year === NEWEST)!.values;
    // A small suppressed count: the kind an attacker is after.
    const target = system.figures.find(
      (f) => f.status === "suppressed" && truth.get(f.id)! >= 1 && truth.get(f.id)! < system.k,
    )!;
    expect(target).toBeDefined();
    target.status = "published";
    target.value = truth.get(target.id)!;
    delete target.interval;
    await writeFile(file, JSON.stringify(system));
    const { code, out } = await run(auditMain, ["--site", copy]);
    expect(code).toBe(1);
    expect(out).toContain(`P1 ${target.id}`);
    expect(out).toMatch(/核查未通过/);
  }, 300_000);
});
