/**
 * Fixtures of the bureau's 下一步工作 texts in the shape of the problem catalogue's table
 * (test/validate/problemCodes.test.ts, cases with `run`): the base county with a text for
 * 测试县第一小学 that names a pupil of the roster (王小明) and gives a mobile number, and a
 * text named after no unit; validated with rows kept, then read, matched and redacted as the
 * build does (`nextStepsOf`).
 */
import { nextStepsOf, type NextSteps } from "../../src/pipeline/gallery/gallery.ts";
import { ProblemSink } from "../../src/pipeline/problems.ts";
import { buildNameMatcher } from "../../src/pipeline/redact/redact.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import { PRIMARY, SITE_JSON, YEAR, withProblems, writeDataDir } from "../helpers/dataDir.ts";

export const SUMMARY_TEXT_FILE = `${YEAR}/summary/测试县第一小学.md`;
export const UNKNOWN_TEXT_FILE = `${YEAR}/summary/不存在的学校.md`;

/** Two paragraphs; the second names a pupil and a mobile number. */
export const SUMMARY_TEXT =
  "# 下一步工作\n\n一是补齐关爱工作短板，\n做到每月谈心。\n\n二是对王小明同学重点帮扶，联系电话 138 1234 5678。\n";

export interface SummaryTextRun extends ValidationResult {
  nextSteps: NextSteps[];
}

export async function summaryTextCase(): Promise<SummaryTextRun> {
  const dir = await writeDataDir({
    [SUMMARY_TEXT_FILE]: SUMMARY_TEXT,
    [UNKNOWN_TEXT_FILE]: "一是加强督导。\n",
    [`${YEAR}/summary.md`]: "全县一是加强督导。\n",
  });
  const result = await validateData(dir, { keepRows: true });
  const sink = new ProblemSink();
  const nextSteps: NextSteps[] = [];
  for (const year of result.data.years) {
    const matcher = buildNameMatcher(year.names);
    nextSteps.push(...(await nextStepsOf(dir, year, SITE_JSON.region, matcher, sink)));
  }
  return { ...withProblems(result, sink.finish()), nextSteps };
}

/** The school the fixture's text is for. */
export const SUMMARY_TEXT_UNIT = PRIMARY;
