/**
 * `npm run build -- [--data DIR] [--out DIR]`: check the data, then build the site into a
 * temporary folder and move it into place only when everything passed. On any error in the
 * data nothing is written, and the data folder is never written to.
 */
import { existsSync } from "node:fs";
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build as astroBuild } from "astro";
import { assertOutsideData, isInside, parseOptions, runMain, UsageError } from "../src/cli/args.ts";
import { Progress } from "../src/cli/progress.ts";
import { buildGalleries } from "../src/pipeline/gallery/gallery.ts";
import { collectSecrets, formatHits, scanOutput } from "../src/pipeline/guard/privacyGuard.ts";
import { defaultPhotoCacheDir } from "../src/pipeline/photos/processPhotos.ts";
import { publicAudit } from "../src/pipeline/protect/publicAudit.ts";
import { publishedFiles } from "../src/pipeline/publish/files.ts";
import { yearWorkbookPath, yearWorkbooks } from "../src/pipeline/publish/yearWorkbook.ts";
import { SUMMARIES_MANIFEST, summariesManifest } from "../src/site/summaries.ts";
import { publishData } from "../src/pipeline/publishData.ts";
import { readPublishedSystems } from "../src/pipeline/read/publishedSystems.ts";
import { yearBundle } from "../src/pdf/yearBundle.ts";
import { publishDate } from "../src/site/publishDate.ts";
import { searchRecords, writeSearchIndex } from "../src/site/searchIndex.ts";
import { provideSiteData } from "../src/site/siteData.ts";
import { formatCheckSummary } from "../src/pipeline/report/checkSummary.ts";
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { SELF_CHECK_PATH, selfCheckSettings } from "../src/selfcheck/settings.ts";
import { writeSelfCheckPage } from "../src/selfcheck/writePage.ts";

const HELP = `用法：npm run build -- [--data 文件夹] [--out 文件夹]

检查数据，计算统计数字，对小数字做保护并核查，然后生成网站。数据有任何错误、
或保护核查未通过时，不生成任何内容，也不会改动原来的网站文件夹。

选项：
  --data 文件夹   数据文件夹（默认：data/，即内置示例数据）
  --zip 文件      另外把生成的网站打成一个 zip 压缩包（例如 lsrt-site.zip），
                  便于作为专题上传到政府网站集约化平台
  --out 文件夹    网站输出文件夹（默认：dist/）。已存在时整体替换，
                  但只替换本工具生成过的文件夹（其中有 ${".lsrt-build"} 标记文件）或空文件夹
  --help          显示本说明

生成的文件夹可以直接上传到网站服务器。`;

/** Marker file that identifies an output folder as ours, so that we only ever replace our own. */
const MARKER = ".lsrt-build";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function isReplaceable(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  const entries = await readdir(dir).catch(() => null);
  return entries !== null && (entries.length === 0 || entries.includes(MARKER));
}

/** Puts `from` at `to`, replacing what was there; the old folder goes only once the new one is in. */
async function replaceDir(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  const staged = `${to}.new-${process.pid}`;
  try {
    await rename(from, staged);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    await cp(from, staged, { recursive: true });
  }
  const old = existsSync(to) ? `${to}.old-${process.pid}` : null;
  if (old) await rename(to, old);
  await rename(staged, to);
  if (old) await rm(old, { recursive: true, force: true });
}

/**
 * Writes every file of the finished site (not the marker) into one zip, paths relative to
 * the site's root, in sorted order with a fixed time (`yearBundle`): the same site gives the
 * same bytes. Written next to its place first, so a failure never leaves half a zip.
 */
async function writeSiteZip(siteDir: string, zipFile: string): Promise<void> {
  const names = (await readdir(siteDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((name) => name !== MARKER)
    .sort();
  const entries = await Promise.all(
    names.map(async (name) => ({ name, content: await readFile(path.join(siteDir, name)) })),
  );
  await mkdir(path.dirname(zipFile), { recursive: true });
  const staged = `${zipFile}.new-${process.pid}`;
  await writeFile(staged, yearBundle(entries));
  await rename(staged, zipFile);
}

/** Seams for tests: what runs between writing the site and the privacy guard. */
export interface BuildHooks {
  /** Called with the temporary site folder just before the privacy guard scans it. */
  beforeGuard?: (siteDir: string) => Promise<void>;
}

export async function main(argv: string[], hooks: BuildHooks = {}): Promise<number> {
  const args = parseOptions(argv, {
    data: { type: "string" },
    out: { type: "string" },
    zip: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const dataDir = path.resolve(args.data ?? path.join(ROOT, "data"));
  const outDir = path.resolve(args.out ?? path.join(ROOT, "dist"));
  assertOutsideData(outDir, dataDir, "网站输出文件夹");
  if (isInside(dataDir, outDir)) {
    throw new UsageError("数据文件夹不能放在网站输出文件夹里面，请换一个输出位置。");
  }
  const zipFile = args.zip === undefined ? null : path.resolve(args.zip);
  if (zipFile !== null) {
    if (!zipFile.toLowerCase().endsWith(".zip")) {
      throw new UsageError(`--zip 的文件名应以 .zip 结尾，收到“${args.zip}”。`);
    }
    assertOutsideData(zipFile, dataDir, "网站压缩包");
    if (isInside(zipFile, outDir)) {
      throw new UsageError("网站压缩包不能放在网站输出文件夹里面，请换一个位置。");
    }
  }
  if (!(await isReplaceable(outDir))) {
    throw new UsageError(
      `输出文件夹 ${outDir} 已存在，且不是本工具生成的，为避免误删不会替换。请换一个输出位置或先清空它。`,
    );
  }

  const started = performance.now();
  const progress = new Progress({ stage: "检查" });
  const result = await validateData(dataDir, { keepRows: true, onProgress: progress.update });
  progress.finish();
  const totals = { errors: result.errors, warnings: result.warnings, files: result.fileTotals };
  process.stdout.write(`${formatCheckSummary(result.problems, totals)}\n`);
  if (result.errors > 0) {
    process.stdout.write(
      `数据有 ${result.errors} 个错误，没有生成网站。请先运行 npm run check 查看详情并更正。\n`,
    );
    return 1;
  }

  const say = (line: string) => process.stdout.write(`${line}\n`);
  const published = await publishData(result.data, say);
  if (!published.ok) {
    for (const { year, failures } of published.failures) {
      say(`${year} 学年的小数保护核查未通过（${failures.length} 处），没有生成网站：`);
      for (const f of failures.slice(0, 20)) say(`  ${f.check} ${f.figure}：${f.detail}`);
      if (failures.length > 20) say(`  ……另有 ${failures.length - 20} 处`);
    }
    say("这是本工具的问题，不是数据的问题：请把以上内容反馈给开发者。");
    return 1;
  }

  say("[生成] 正在生成网站页面……");
  // Astro writes extra module files when its outDir is outside the project, so the site is
  // built under the project's .tmp/ and then moved into place.
  await mkdir(path.join(ROOT, ".tmp"), { recursive: true });
  const tmp = await mkdtemp(path.join(ROOT, ".tmp", "build-"));
  try {
    // Activity galleries: redacted text, consented photos through sharp (cached by content).
    // (Into a folder of its own: Astro empties its output folder before it writes.)
    const photoDir = `${tmp}-photos`;
    const galleries = await buildGalleries(
      dataDir,
      result.data,
      photoDir,
      defaultPhotoCacheDir(ROOT),
    );
    for (const p of galleries.problems) {
      const where = [p.file, p.row === null ? "" : `第 ${p.row} 行`, p.column ?? ""].filter(
        Boolean,
      );
      say(`  [${p.severity === "error" ? "错误" : "提醒"}] ${where.join(" ")}：${p.message}`);
    }
    if (galleries.errors > 0) {
      say(`活动照片有 ${galleries.errors} 个错误，没有生成网站。请按上面列出的文件和行更正。`);
      return 1;
    }
    say(
      `[照片] 已发布 ${galleries.stats.processed + galleries.stats.fromCache} 张获监护人同意的照片` +
        `（新处理 ${galleries.stats.processed} 张，其余来自缓存）`,
    );
    // The pages get the protected years in memory (never the input data).
    const siteData = {
      config: result.data.config!,
      years: published.years,
      galleries: galleries.years,
      publishDate: publishDate(result.data.config!.publishDate),
    };
    provideSiteData(siteData);
    await astroBuild({
      root: ROOT,
      outDir: tmp,
      base: result.data.config!.basePath,
      logLevel: "warn",
    });
    const records = searchRecords(siteData);
    await writeSearchIndex(records, tmp);
    say(`[搜索] 已为 ${records.length} 个学校、乡镇、活动和页面建立搜索索引`);
    if (existsSync(path.join(photoDir, "photos"))) {
      await cp(path.join(photoDir, "photos"), path.join(tmp, "photos"), { recursive: true });
    }
    const files = publishedFiles(published.years, published.systems);
    for (const file of files) {
      const target = path.join(tmp, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    await cp(path.join(ROOT, "docs", "published-tables.md"), path.join(tmp, "data", "schema.md"));
    // One workbook per year for officials: schools as rows, a sheet per topic.
    const workbooks = yearWorkbooks(published.years, result.data.config!.publisher);
    for (const book of workbooks) {
      const target = path.join(tmp, ...book.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, book.content);
    }
    // What `npm run pdf` prints and bundles: every summary page, per year with its CSV tables.
    const manifest = summariesManifest(result.data.config!, published.years, (year) => [
      ...files
        .filter((f) => f.path.startsWith(`data/${year}/`) && f.path.endsWith(".csv"))
        .map((f) => f.path),
      "data/schema.md",
      yearWorkbookPath(year),
    ]);
    await mkdir(path.join(tmp, path.dirname(SUMMARIES_MANIFEST)), { recursive: true });
    await writeFile(path.join(tmp, SUMMARIES_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    say(
      `[下载] 已写出 ${files.length} 个数据文件（JSON 与 CSV）、格式说明和 ${workbooks.length} 个 Excel 工作簿`,
    );

    // The schools' self-check page, with the newest year's school list (issue 16).
    const newest = result.data.years.at(-1)!;
    await writeSelfCheckPage(path.join(tmp, SELF_CHECK_PATH), {
      settings: selfCheckSettings(result.data.config!, newest.year, newest.schools),
      homeHref: result.data.config!.basePath,
    });
    say(`[自查] 已生成 ${newest.year} 学年的学校数据自查页面（${SELF_CHECK_PATH}/）`);

    // The audit anyone can re-run, on the files as written: the site goes out only if it passes.
    say("[核查] 正在根据公布的数据文件重新核查小数保护……");
    const { systems, unreadable } = await readPublishedSystems(tmp);
    let failed = unreadable.length;
    for (const u of unreadable) say(`  无法读取 ${u.file}：${u.reason}`);
    for (const system of systems) {
      const audit = await publicAudit(system);
      failed += audit.failures.length;
      for (const f of audit.failures.slice(0, 20)) say(`  ${f.check} ${f.figure}：${f.detail}`);
      say(
        `[核查] ${system.year} 学年：${audit.figures} 个数字，${audit.suppressed} 个已保护，` +
          (audit.failures.length === 0 ? "通过" : `${audit.failures.length} 处未通过`),
      );
    }
    if (failed > 0) {
      say("公布数据的核查未通过，没有生成网站。这是本工具的问题：请把以上内容反馈给开发者。");
      return 1;
    }
    // The privacy guard: nothing that identifies a child may be in any file of the site.
    await hooks.beforeGuard?.(tmp);
    say("[隐私检查] 正在检查全部输出文件中有没有学生姓名、证件号、手机号等个人信息……");
    const hits = await scanOutput(tmp, collectSecrets(result.data));
    if (hits.length > 0) {
      say(formatHits(hits, path.basename(outDir)));
      say(`隐私检查发现 ${hits.length} 处疑似个人信息，没有生成网站。请按上面列出的文件检查。`);
      return 1;
    }
    say("[隐私检查] 通过：输出文件中没有发现个人信息");
    await writeFile(path.join(tmp, MARKER), "由 留守儿童关爱数据公开平台 生成\n");
    await chmod(tmp, 0o755);
    await replaceDir(tmp, outDir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(`${tmp}-photos`, { recursive: true, force: true });
  }
  if (zipFile !== null) {
    await writeSiteZip(outDir, zipFile);
    say(`[压缩包] 已把网站打包为 ${zipFile}，可作为专题整体上传`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`网站已生成：${outDir}（用时 ${seconds.toFixed(1)} 秒）\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
