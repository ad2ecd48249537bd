/**
 * The `validate` stage over a whole data folder: site.json, then every school year, then the
 * plausibility checks across years. Returns the validated data and every problem found.
 */
import { isWorkbookFile, listDataDir } from "../read/dataDir.ts";
import { fsSource } from "../read/fsSource.ts";
import { WorkerPool } from "./workerPool.ts";
import { ProblemSink, type Problem } from "../problems.ts";
import { sortProblems } from "./sortProblems.ts";
import { siteConfigSchema, type SiteConfig } from "./siteConfig.ts";
import {
  PARALLEL_MIN_BYTES,
  validateYear,
  type ProgressEvent,
  type ValidateOptions,
  type ValidatedYear,
} from "./validateYear.ts";

export interface ValidatedData {
  /** null when site.json is missing or invalid (then there are errors). */
  config: SiteConfig | null;
  years: ValidatedYear[];
}

export interface ValidateDataOptions extends Omit<ValidateOptions, "onProgress" | "sizes"> {
  onProgress?: (event: ProgressEvent) => void;
  /** Worker threads for large roster files (1 = none). */
  threads?: number;
}

export interface ValidationResult {
  data: ValidatedData;
  problems: Problem[];
  errors: number;
  warnings: number;
  /** Errors and warnings per file, including problems beyond the listing limit. */
  fileTotals: Map<string, { errors: number; warnings: number }>;
}

/** Parses site.json text into the config, reporting what is wrong in plain Chinese. */
export function parseSiteConfig(text: string, problems: ProblemSink): SiteConfig | null {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    problems.report("E_SITE_JSON_INVALID", "site.json", null, null, {
      extra: `不是有效的 JSON（${(e as Error).message}）`,
    });
    return null;
  }
  const result = siteConfigSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.join(".");
    const extra =
      issue.code === "unrecognized_keys"
        ? `有无法识别的设置项：${issue.keys.join("、")}（可能是拼写错误）`
        : issue.code === "invalid_type" && issue.input === undefined
          ? "缺少这一项"
          : issue.message;
    problems.report("E_SITE_JSON_INVALID", "site.json", null, where || null, {
      value: where || undefined,
      extra,
    });
  }
  return null;
}

const pct = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}%`;

/** Plausibility warnings (domain notes): a school above 70%, or a jump of more than 15 points. */
function plausibility(years: ValidatedYear[], problems: ProblemSink): void {
  let previous: ValidatedYear | null = null;
  for (const y of years) {
    for (const s of y.schools) {
      const c = y.enrolment.get(s.school_id)!;
      if (c.pupils >= 10 && c.leftBehind / c.pupils > 0.7) {
        problems.report(
          "W_RATE_IMPLAUSIBLE",
          y.schoolsFile ?? `${y.year}/schools.csv`,
          null,
          null,
          {
            value: s.school_name,
            extra: pct(c.leftBehind, c.pupils),
          },
        );
      }
      const p = previous?.enrolment.get(s.school_id);
      if (p && p.pupils >= 20 && c.pupils >= 20) {
        const delta = c.leftBehind / c.pupils - p.leftBehind / p.pupils;
        if (Math.abs(delta) > 0.15) {
          problems.report("W_RATE_JUMP", y.schoolsFile ?? `${y.year}/schools.csv`, null, null, {
            value: s.school_name,
            extra: `从 ${previous!.year} 学年的 ${pct(p.leftBehind, p.pupils)} 变为 ${pct(c.leftBehind, c.pupils)}`,
          });
        }
      }
    }
    previous = y;
  }
}

/** Validates a data folder. Reads files only through the read stage; writes nothing. */
export async function validateData(
  dir: string,
  options: ValidateDataOptions = { keepRows: true },
): Promise<ValidationResult> {
  const problems = new ProblemSink();
  const data: ValidatedData = { config: null, years: [] };
  const listing = await listDataDir(dir, problems);
  if (listing) {
    if (!listing.hasSiteJson) problems.report("E_SITE_JSON_MISSING", "site.json", null, null);
    else if (listing.siteJson !== null) data.config = parseSiteConfig(listing.siteJson, problems);
    if (listing.years.length === 0) problems.report("E_NO_YEAR_FOLDERS", "", null, null);
    const totalFiles = listing.sizes.size;
    const totalBytes = [...listing.sizes.values()].reduce((a, b) => a + b, 0);
    const report = options.onProgress;
    const yearOptions: ValidateOptions = {
      ...options,
      sizes: listing.sizes,
      onProgress: report && ((e) => report({ ...e, totalFiles, totalBytes })),
    };
    const pool = options.threads && options.threads > 1 ? new WorkerPool(options.threads) : null;
    // Workers start while the school lists are read, when a roster is large enough to share.
    const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
    if (
      pool &&
      [...listing.sizes].some(
        ([f, size]) => f.includes("/students/") && size >= minBytes && !isWorkbookFile(f),
      )
    ) {
      pool.warm();
    }
    const source = fsSource(listing.root);
    try {
      for (const files of listing.years) {
        data.years.push(await validateYear(source, files, problems, yearOptions, pool));
      }
    } finally {
      await pool?.close();
    }
    plausibility(data.years, problems);
  }
  return {
    data,
    problems: sortProblems(problems.finish()),
    errors: problems.count("error"),
    warnings: problems.count("warning"),
    fileTotals: problems.countsByFile(),
  };
}

export { sortProblems };
