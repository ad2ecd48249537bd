/**
 * `npm run bench [-- --rows N] [--runs N] [--no-scaling]`: times `check` on a large
 * generated roster against DuckDB reading the same files in the same run, and checks that
 * peak memory does not grow with the file; then `check` on the same kind of roster as one
 * .xlsx workbook (200,000 rows) against DuckDB reading those rows as CSV, with its peak
 * memory. Prints readable lines, then one JSON line last.
 *
 * `check` runs in a child process (so that its peak memory is its own), through the same
 * entry point as `npm run check`; the time is measured inside it from before validation to
 * after, excluding Node's start-up, as DuckDB's is measured from instance creation to result.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { parseOptions, positiveInt, runMain } from "../src/cli/args.ts";
import { measure } from "../src/pipeline/measure/measure.ts";
import { COVERAGE_SCHOOL_MIN, lossOf, type Loss } from "../src/pipeline/protect/loss.ts";
import { protect } from "../src/pipeline/protect/protect.ts";
import { publicAudit } from "../src/pipeline/protect/publicAudit.ts";
import { publishedSystemOf } from "../src/pipeline/protect/publishYears.ts";
import { generateSample, writeSampleFiles } from "../src/sample/index.ts";
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { writeLargeRoster } from "../src/sample/largeRoster.ts";
import { workbookBytes } from "../src/sample/workbookFile.ts";
import { CsvParser } from "../src/pipeline/read/csv.ts";
import { benchSelfCheck } from "../src/selfcheck/benchSelfCheck.ts";

/** The JSON line: figures, and the protection loss per school year. */
type BenchResult = Record<string, number | Record<string, Loss & { seconds: number }>>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HELP = `用法：npm run bench -- [--rows 行数] [--runs 次数] [--no-scaling]

生成一个大的学生名单（默认 1,000,000 行，约 150 MB），在同一次运行中分别用本工具的
检查（npm run check）和 DuckDB 读取同一份文件，比较用时；再用两倍行数的名单比较内存峰值。
数据生成在 bench-data/ 中，重复运行时会复用。

选项：
  --rows 行数     名单行数（默认 1000000）
  --runs 次数     每项重复次数，取最快的一次（默认 3）
  --no-scaling    不做两倍行数的内存对比
  --no-protect    不测统计与小数保护的用时
  --protect-schools 数量  测统计与小数保护用的示例县学校数（默认 100，12 到 300）
  --xlsx-rows 行数  Excel 工作簿名单的行数（默认 200000）
  --no-xlsx       不测 Excel 工作簿名单
  --no-self-check 不测学校自查网页的用时
  --self-check-only  只测学校自查网页：在 Chromium 中检查一个 50,000 行的名单（目标 < 5 秒）
  --self-check-rows 行数  自查网页测试用的名单行数（默认 50000）
  --chromium 路径 Chromium 的位置（默认 /usr/bin/chromium）
  --help          显示本说明

最后一行是 JSON：rows、bytes、checkSeconds、duckdbSeconds、ratio、peakRssMb 等。`;

interface CheckRun {
  seconds: number;
  peakRssMb: number;
  errors: number;
  rows: number;
}

const fmt = new Intl.NumberFormat("zh-CN");

/** Writes (or reuses) a generated roster of `rows` rows; returns its folder and size. */
async function dataset(rows: number): Promise<{ dir: string; bytes: number; files: string[] }> {
  const dir = path.join(ROOT, "bench-data", `roster-${rows}`);
  const stamp = `${dir}.json`;
  if (existsSync(stamp)) return JSON.parse(await readFile(stamp, "utf8"));
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`生成 ${fmt.format(rows)} 行的名单……\n`);
  const result = await writeLargeRoster(dir, { rows, seed: 7 });
  const info = { dir, bytes: result.bytes, files: [...result.files] };
  await writeFile(stamp, JSON.stringify(info));
  return info;
}

/**
 * The roster of `rows` rows as one .xlsx (students/roster.xlsx) beside the same rows as CSV
 * (written, or reused, by `dataset`): the workbook folder and the workbook's size.
 */
async function workbookDataset(
  rows: number,
): Promise<{ csv: { dir: string; files: string[] }; dir: string; bytes: number }> {
  const csv = await dataset(rows);
  const dir = path.join(ROOT, "bench-data", `roster-xlsx-${rows}`);
  const stamp = `${dir}.json`;
  if (existsSync(stamp)) return { csv, ...JSON.parse(await readFile(stamp, "utf8")) };
  await rm(dir, { recursive: true, force: true });
  process.stdout.write(`把 ${fmt.format(rows)} 行的名单写成 Excel 工作簿……\n`);
  const year = csv.files[0]!.split("/")[0]!;
  await mkdir(path.join(dir, year, "students"), { recursive: true });
  for (const f of ["site.json", `${year}/schools.csv`]) {
    await writeFile(path.join(dir, f), await readFile(path.join(csv.dir, f)));
  }
  const records: string[][] = [];
  for (const f of csv.files) {
    const parser = new CsvParser((cells, count) => {
      records.push(cells.slice(0, count));
    });
    parser.push((await readFile(path.join(csv.dir, f), "utf8")).replace(/^\uFEFF/, ""));
    parser.end();
  }
  const [header, ...body] = records;
  const bytes = workbookBytes({ header: header!, rows: body }, "xlsx", { sheet: "学生名单" });
  await writeFile(path.join(dir, year, "students", "roster.xlsx"), bytes);
  const info = { dir, bytes: bytes.length };
  await writeFile(stamp, JSON.stringify(info));
  return { csv, ...info };
}

/** Runs the check in a fresh process and reads its own timing and peak memory. */
function runCheck(dir: string): CheckRun {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "benchCheck.ts"), dir],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (child.status !== 0) throw new Error(`check run failed: ${child.stderr}`);
  const last = child.stdout.trim().split("\n").pop()!;
  return JSON.parse(last) as CheckRun;
}

async function runDuckdb(dir: string, files: string[]): Promise<number> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  const list = files.map((f) => `'${path.join(dir, f).replace(/'/g, "''")}'`).join(", ");
  const reader = await con.runAndReadAll(
    `SELECT "学校标识码", count(*) AS n FROM read_csv([${list}], all_varchar = true, header = true) GROUP BY 1`,
  );
  const groups = reader.getRows().length;
  const seconds = (performance.now() - started) / 1000;
  con.closeSync();
  instance.closeSync();
  if (groups === 0) throw new Error("duckdb read no rows");
  return seconds;
}

function best<T>(runs: T[], key: (t: T) => number): T {
  return runs.reduce((a, b) => (key(b) < key(a) ? b : a));
}

export async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    rows: { type: "string" },
    runs: { type: "string" },
    "no-scaling": { type: "boolean" },
    "no-protect": { type: "boolean" },
    "protect-schools": { type: "string" },
    "xlsx-rows": { type: "string" },
    "no-xlsx": { type: "boolean" },
    "no-self-check": { type: "boolean" },
    "self-check-only": { type: "boolean" },
    "self-check-rows": { type: "string" },
    chromium: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const rows = positiveInt(args.rows, "--rows", 1_000_000);
  const runs = positiveInt(args.runs, "--runs", 3);
  const selfCheck = async (result: BenchResult) => {
    // The schools' self-check page in a browser (issue 16): a separate part.
    const r = await benchSelfCheck({
      rows: positiveInt(args["self-check-rows"], "--self-check-rows", 50_000),
      runs,
      workDir: path.join(ROOT, "bench-data"),
      chromium: args.chromium ?? "/usr/bin/chromium",
    });
    process.stdout.write(
      `学校自查网页（Chromium，${fmt.format(r.rows)} 行、${(r.bytes / 1e6).toFixed(1)} MB 的名单）：` +
        `${r.seconds.toFixed(2)} 秒（目标 < 5 秒），网页 ${Math.round(r.pageBytes / 1024)} KB\n`,
    );
    result.selfCheckRows = r.rows;
    result.selfCheckSeconds = round(r.seconds);
    result.selfCheckPageKb = Math.round(r.pageBytes / 1024);
  };
  if (args["self-check-only"]) {
    const result: Record<string, number> = {};
    await selfCheck(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const data = await dataset(rows);
  process.stdout.write(`名单：${fmt.format(rows)} 行，${(data.bytes / 1e6).toFixed(1)} MB\n`);

  const checks: CheckRun[] = [];
  const ducks: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate, so that both see the same state of the machine and the page cache.
    ducks.push(await runDuckdb(data.dir, data.files));
    checks.push(runCheck(data.dir));
  }
  const check = best(checks, (c) => c.seconds);
  const duck = Math.min(...ducks);
  if (check.errors !== 0) throw new Error(`the generated roster has ${check.errors} errors`);
  const peakRssMb = Math.max(...checks.map((c) => c.peakRssMb));
  const ratio = check.seconds / duck;
  process.stdout.write(
    `check：${check.seconds.toFixed(2)} 秒（${fmt.format(Math.round(check.rows / check.seconds))} 行/秒），峰值内存 ${peakRssMb.toFixed(0)} MB\n`,
  );
  process.stdout.write(`DuckDB：${duck.toFixed(2)} 秒\n`);
  process.stdout.write(`倍数（check ÷ DuckDB）：${ratio.toFixed(2)}（目标 ≤ 8）\n`);

  const result: BenchResult = {
    rows,
    bytes: data.bytes,
    checkSeconds: round(check.seconds),
    duckdbSeconds: round(duck),
    ratio: round(ratio),
    peakRssMb: Math.round(peakRssMb),
  };
  if (!args["no-scaling"]) {
    const double = await dataset(rows * 2);
    const big = runCheck(double.dir);
    const growth = big.peakRssMb / peakRssMb;
    process.stdout.write(
      `两倍行数（${fmt.format(rows * 2)} 行）：峰值内存 ${big.peakRssMb.toFixed(0)} MB，是 ${fmt.format(rows)} 行时的 ${growth.toFixed(2)} 倍（目标 ≤ 1.2）\n`,
    );
    result.peakRssMb2x = Math.round(big.peakRssMb);
    result.rssGrowth2x = round(growth);
  }
  if (!args["no-xlsx"]) {
    const xlsxRows = positiveInt(args["xlsx-rows"], "--xlsx-rows", 200_000);
    const book = await workbookDataset(xlsxRows);
    const bookChecks: CheckRun[] = [];
    const bookDucks: number[] = [];
    for (let i = 0; i < runs; i++) {
      bookDucks.push(await runDuckdb(book.csv.dir, book.csv.files));
      bookChecks.push(runCheck(book.dir));
    }
    const bookCheck = best(bookChecks, (c) => c.seconds);
    if (bookCheck.errors !== 0)
      throw new Error(`the workbook roster has ${bookCheck.errors} errors`);
    const bookDuck = Math.min(...bookDucks);
    const bookPeak = Math.max(...bookChecks.map((c) => c.peakRssMb));
    process.stdout.write(
      `Excel 工作簿名单（${fmt.format(xlsxRows)} 行，${(book.bytes / 1e6).toFixed(1)} MB .xlsx）：check ${bookCheck.seconds.toFixed(2)} 秒，峰值内存 ${bookPeak.toFixed(0)} MB；` +
        `DuckDB 读同样的行（CSV）${bookDuck.toFixed(2)} 秒；倍数 ${(bookCheck.seconds / bookDuck).toFixed(1)}\n`,
    );
    result.xlsxRows = xlsxRows;
    result.xlsxBytes = book.bytes;
    result.xlsxCheckSeconds = round(bookCheck.seconds);
    result.xlsxDuckdbCsvSeconds = round(bookDuck);
    result.xlsxRatio = round(bookCheck.seconds / bookDuck);
    result.xlsxPeakRssMb = Math.round(bookPeak);
  }
  if (!args["no-protect"]) {
    // Disclosure control on a real measured region: the sample generator's county (100 schools
    // by default) with two school years, measured, protected and audited as `build` does.
    const schools = positiveInt(args["protect-schools"], "--protect-schools", 100);
    const region = path.join(ROOT, "bench-data", `region${schools}`);
    if (!existsSync(path.join(region, "site.json"))) {
      await rm(region, { recursive: true, force: true });
      const students = schools * 250;
      await writeSampleFiles(region, (await generateSample({ schools, students })).files);
    }
    const validated = await validateData(region, { keepRows: true });
    const t0 = performance.now();
    const measured = measure(validated.data);
    const t1 = performance.now();
    let figures = 0;
    let suppressed = 0;
    const audits = [];
    const losses: Record<string, Loss & { seconds: number }> = {};
    for (const year of measured.years) {
      const started = performance.now();
      const p = await protect(year.system, { k: 5, kSensitive: 10 });
      if (!p.audit.passed) throw new Error(`protect failed its audit on ${year.year}`);
      figures += p.figures.size;
      for (const s of p.figures.values()) if (s.status === "suppressed") suppressed++;
      audits.push(publishedSystemOf(year.system, p, year.year, { k: 5, kSensitive: 10 }));
      const loss = lossOf(year.system, p);
      losses[year.year] = { ...loss, seconds: round((performance.now() - started) / 1000) };
      process.stdout.write(
        `  ${year.year}：${fmt.format(loss.figures)} 个数字，保护 ${fmt.format(loss.primary)} 个（人数少等）+ ${fmt.format(loss.secondary)} 个（防推算），` +
          `每个需保护的数字另隐藏 ${loss.secondaryPerPrimary} 个（目标 ≤ 1.0）；在校生人数隐藏 ${loss.enrolmentSuppressed} 个（目标 0）；` +
          `留守儿童总数为防推算而隐藏 ${loss.leftBehindTotalSecondary} 个（目标 0）；留守儿童 ≥ ${COVERAGE_SCHOOL_MIN} 人的学校中，五项覆盖率全部公布的 ${loss.coverageAllPublished}/${loss.coverageSchools}（目标 ≥ 90%）\n`,
      );
    }
    const t2 = performance.now();
    for (const a of audits) {
      const r = await publicAudit(JSON.parse(JSON.stringify(a)));
      if (r.failures.length > 0) throw new Error(`public audit failed on ${a.year}`);
    }
    const t3 = performance.now();
    const sec = (ms: number) => ms / 1000;
    process.stdout.write(
      `统计与小数保护（示例县 ${schools} 所学校、${measured.years.length} 个学年，${fmt.format(figures)} 个数字，${fmt.format(suppressed)} 个已保护）：` +
        `统计 ${sec(t1 - t0).toFixed(1)} 秒，保护与核查 ${sec(t2 - t1).toFixed(1)} 秒，公开核查 ${sec(t3 - t2).toFixed(1)} 秒\n`,
    );
    result.protectSchools = schools;
    result.protectLoss = losses;
    result.protectFigures = figures;
    result.protectSuppressed = suppressed;
    result.measureSeconds = round(sec(t1 - t0));
    result.protectSeconds = round(sec(t2 - t1));
    result.publicAuditSeconds = round(sec(t3 - t2));
  }
  if (!args["no-self-check"]) await selfCheck(result);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
