/**
 * `npm run pdf -- [--site DIR] [--data DIR] [--year Y | --all-years] [--chromium PATH]`:
 * prints the summary pages of a built site to A4 PDFs in Chromium and bundles each year's
 * region summary with its published tables in a zip (docs/pdf.md). Everything is made in a
 * folder beside the site and checked by the privacy guard first; only then are the files
 * moved into the site and their links shown. The data folder is only read.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertOutsideData, parseOptions, runMain, UsageError } from "../src/cli/args.ts";
import { Progress, StepProgress } from "../src/cli/progress.ts";
import { CHROMIUM_MISSING, findChromium } from "../src/pdf/findChromium.ts";
import { PrintError, printSummaries, type PrintJob } from "../src/pdf/printSummaries.ts";
import { revealSlots } from "../src/pdf/revealSlots.ts";
import {
  ManifestError,
  MANIFEST_PATH,
  readSummaryManifest,
  type YearSummaries,
} from "../src/pdf/summaryManifest.ts";
import { summaryFileName, yearBundle } from "../src/pdf/yearBundle.ts";
import { collectSecrets, formatHits, scanOutput } from "../src/pipeline/guard/privacyGuard.ts";
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { docxOfPdf } from "../src/site/summaries.ts";

const HELP = `用法：npm run pdf -- [--site 文件夹] [--data 文件夹] [--year 学年 | --all-years] [--chromium 路径]

把网站中的统计摘要页逐一打印成 A4 纸的 PDF 文件（有页眉和页码，字体嵌入文件，
可以直接打印、盖章），并在每个 PDF 旁边生成一份内容相同、可以修改的 Word 文件（.docx），并把全县摘要和当学年公布的数据表（CSV）打成一个压缩包，
方便报送上级部门。生成的文件放进网站的下载文件夹，网页上的下载链接随之显示。

需要 Chromium 浏览器（Debian/Ubuntu：sudo apt-get install -y chromium fonts-noto-cjk）。
生成网站（npm run build）不需要它。

选项：
  --site 文件夹    已生成的网站文件夹（默认：dist/）。请先运行 npm run build
  --data 文件夹    生成该网站时用的数据文件夹（默认：data/）。只读取，不写入：
                   用于隐私检查，确认 PDF 和压缩包中没有学生姓名等个人信息
  --year 学年      只生成这一学年的，例如 --year 2023-2024（默认：最新学年）
  --all-years      生成所有学年的
  --chromium 路径  Chromium 程序的位置（默认：环境变量 LSRT_CHROMIUM 指定的位置，
                   或 /usr/bin/chromium、/usr/bin/chromium-browser）
  --help           显示本说明

所有文件先生成在网站文件夹旁边的临时文件夹里并做隐私检查，全部通过后才放进网站；
检查未通过或中途出错时，网站不会有任何改动。重新生成网站（npm run build）后，
需要再运行一次本命令。

退出码：0 完成；1 没有完成（原因见输出）；2 用法有误。`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A reason to stop that the person running the tool can act on: one Chinese line, exit 1. */
class StopError extends Error {
  override name = "StopError";
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

/** The years to make: the newest by default, one by --year, or all. */
function chooseYears(
  years: readonly YearSummaries[],
  year: string | undefined,
  all: boolean,
): YearSummaries[] {
  if (years.length === 0) {
    throw new StopError(`${MANIFEST_PATH} 中没有任何学年的摘要页，没有可生成的 PDF。`);
  }
  if (all) return [...years];
  if (year === undefined) return [years.at(-1)!];
  const found = years.find((y) => y.year === year);
  if (!found) {
    throw new UsageError(
      `网站中没有 ${year} 学年的摘要页。可选的学年：${years.map((y) => y.year).join("、")}。`,
    );
  }
  return [found];
}

/** Moves a file into place in one step (copying first when it is on another disk). */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    const staged = `${to}.pdf-${process.pid}`;
    await copyFile(from, staged);
    await rename(staged, to);
  }
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("zh-CN")} KB`;

/** The privacy guard's secrets from the data folder, checked to belong to this site. */
async function secretsFor(
  dataDir: string,
  manifest: { title: string; publisher: string },
  years: readonly string[],
) {
  if (!existsSync(dataDir)) {
    throw new StopError(
      `找不到数据文件夹 ${dataDir}：请用 --data 指定生成该网站时所用的数据文件夹。`,
    );
  }
  const progress = new Progress({ stage: "读取数据" });
  const result = await validateData(dataDir, { keepRows: true, onProgress: progress.update });
  progress.finish();
  const config = result.data.config;
  if (result.errors > 0 || !config) {
    throw new StopError(
      `数据文件夹 ${dataDir} 中有 ${result.errors} 个错误，无法做隐私检查。请先运行 npm run check 查看并更正，再生成网站。`,
    );
  }
  if (config.title !== manifest.title || config.publisher !== manifest.publisher) {
    throw new StopError(
      `数据文件夹（${config.publisher}，${config.title}）与网站（${manifest.publisher}，${manifest.title}）不一致：` +
        "请用 --data 指定生成该网站时所用的数据文件夹。",
    );
  }
  const have = new Set(result.data.years.map((y) => y.year));
  const lacking = years.filter((y) => !have.has(y));
  if (lacking.length > 0) {
    throw new StopError(
      `数据文件夹 ${dataDir} 中没有 ${lacking.join("、")} 学年的数据，无法确认这些 PDF 中没有该学年学生的姓名：` +
        "请用 --data 指定生成该网站时所用的数据文件夹。",
    );
  }
  return collectSecrets(result.data);
}

export async function main(argv: string[]): Promise<number> {
  const args = parseOptions(argv, {
    site: { type: "string" },
    data: { type: "string" },
    year: { type: "string" },
    "all-years": { type: "boolean" },
    chromium: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.year !== undefined && args["all-years"]) {
    throw new UsageError("--year 和 --all-years 只能选一个。");
  }
  const siteDir = path.resolve(args.site ?? path.join(ROOT, "dist"));
  const dataDir = path.resolve(args.data ?? path.join(ROOT, "data"));
  assertOutsideData(siteDir, dataDir, "网站文件夹");
  const started = performance.now();
  let tmp: string | null = null;
  /** Set once files start to go into the site: from then on, a failure may leave it half done. */
  let publishing = false;
  try {
    const manifest = existsSync(siteDir) ? await readSummaryManifest(siteDir) : null;
    if (!manifest) {
      throw new StopError(
        `网站文件夹 ${siteDir} 中没有 ${MANIFEST_PATH}：请先运行 npm run build 生成网站。`,
      );
    }
    const years = chooseYears(manifest.years, args.year, args["all-years"] ?? false);
    const chromium = findChromium(args.chromium);
    if (!chromium) {
      complain(CHROMIUM_MISSING);
      return 1;
    }
    for (const y of years) {
      for (const file of y.bundle.files) {
        if (!existsSync(path.join(siteDir, ...file.split("/")))) {
          throw new StopError(
            `网站文件夹中缺少 ${file}（${MANIFEST_PATH} 中列出了它）：请重新运行 npm run build。`,
          );
        }
      }
    }
    const secrets = await secretsFor(
      dataDir,
      manifest,
      years.map((y) => y.year),
    );

    // Everything is made beside the site (same disk: moving it in is a rename).
    tmp = await mkdtemp(path.join(path.dirname(siteDir), `.${path.basename(siteDir)}.pdf-`));
    const jobs: PrintJob[] = years.flatMap((y) =>
      y.summaries.map((s) => ({
        page: s.page,
        out: path.join(tmp!, ...s.pdf.split("/")),
        docx: path.join(tmp!, ...docxOfPdf(s.pdf).split("/")),
        publisher: manifest.publisher,
        unitName: s.unitName,
        year: y.year,
      })),
    );
    say(
      `[生成 PDF] ${years.map((y) => `${y.year} 学年`).join("、")}：共 ${jobs.length} 份摘要` +
        `（Chromium：${chromium}）`,
    );
    const progress = new StepProgress({ stage: "生成 PDF", total: jobs.length });
    const printed = await printSummaries({
      chromium,
      siteDir,
      basePath: manifest.basePath,
      jobs,
      onStart: (job) => progress.begin(job.unitName),
      onDone: (p) => progress.step(`${p.job.unitName}（${p.pages} 页）`),
    });
    const printSeconds = progress.finish();
    const pages = printed.reduce((sum, p) => sum + p.pages, 0);
    say(
      `[生成 PDF] 完成：${printed.length} 份，共 ${pages} 页，用时 ${printSeconds.toFixed(1)} 秒` +
        `（平均每份 ${(printSeconds / Math.max(1, printed.length)).toFixed(1)} 秒）`,
    );

    const made = years.flatMap((y) => y.summaries.flatMap((s) => [s.pdf, docxOfPdf(s.pdf)]));
    for (const y of years) {
      const region = y.summaries[0]!;
      const entries = [
        {
          name: summaryFileName(region.unitName, y.year),
          content: await readFile(path.join(tmp, ...region.pdf.split("/"))),
        },
        ...(await Promise.all(
          y.bundle.files.map(async (f) => ({
            name: f,
            content: await readFile(path.join(siteDir, ...f.split("/"))),
          })),
        )),
      ];
      const zip = yearBundle(entries);
      const out = path.join(tmp, ...y.bundle.zip.split("/"));
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, zip);
      made.push(y.bundle.zip);
      say(
        `[打包] ${y.bundle.zip}：${region.unitName}摘要和 ${y.bundle.files.length} 个数据文件（${kb(zip.length)}）`,
      );
    }

    say("[隐私检查] 正在检查生成的 PDF 和压缩包中有没有学生姓名、证件号、手机号等个人信息……");
    const hits = await scanOutput(tmp, secrets);
    if (hits.length > 0) {
      say(formatHits(hits, path.basename(siteDir)));
      complain(
        `隐私检查发现 ${hits.length} 处疑似个人信息，没有把 PDF 和压缩包放进网站，网站没有改动。` +
          "请按上面列出的文件检查网页内容和数据，重新生成网站后再运行。",
      );
      return 1;
    }
    say("[隐私检查] 通过：PDF 和压缩包中没有发现个人信息");

    // Files first, then the links to them: a shown link never points at a missing file.
    publishing = true;
    for (const rel of made) {
      await moveInto(path.join(tmp, ...rel.split("/")), path.join(siteDir, ...rel.split("/")));
    }
    const slots = years.flatMap((y) => [...y.summaries.map((s) => s.slot), y.bundle.slot]);
    const revealed = await revealSlots(siteDir, slots);
    say(`[网页] 已在 ${revealed.pages.length} 个网页上显示下载链接`);
    if (revealed.missing.length > 0) {
      say(`[提示] 没有网页链接到这些文件（文件已生成）：${revealed.missing.join("、")}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const zipCount = years.length;
    const size = (
      await Promise.all(made.map((rel) => stat(path.join(siteDir, ...rel.split("/")))))
    ).reduce((sum, s) => sum + s.size, 0);
    say(
      `已生成 ${printed.length} 份 PDF、${printed.length} 份 Word 文件和 ${zipCount} 个压缩包（共 ${kb(size)}），` +
        `放在 ${path.join(siteDir, "downloads")}（用时 ${seconds.toFixed(1)} 秒）`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof StopError || e instanceof ManifestError || e instanceof PrintError) {
      complain(e.message);
    } else {
      const err = e as Error;
      const state = publishing
        ? "网站中的文件可能只更新了一部分，请再运行一次本命令"
        : "网站没有改动";
      complain(
        `生成 PDF 或压缩包时出错（${state}）：${err?.message ?? String(e)}。如果重试后仍然出错，请把这一行反馈给维护人员。`,
      );
      if (process.env.LSRT_DEBUG) complain(err?.stack ?? "");
    }
    return 1;
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runMain(() => main(process.argv.slice(2)));
