/**
 * The fixture of W_TEXT_REDACTED in the shape of the problem catalogue's table
 * (test/validate/problemCodes.test.ts, a case with `run`): the base county with a roster
 * name (王小明) and a mobile number in the summary of activities.csv row 2, validated with its
 * rows kept, then its activities redacted with the names of their year.
 */
import { ProblemSink } from "../../src/pipeline/problems.ts";
import { redactActivities } from "../../src/pipeline/redact/redact.ts";
import { validateData, type ValidationResult } from "../../src/pipeline/validate/validateData.ts";
import {
  withProblems,
  ACTIVITIES,
  BASE_ACTIVITIES,
  activityRow,
  csv,
  headersOf,
  writeDataDir,
} from "../helpers/dataDir.ts";

/** Where the fixture's warning must be reported, and what it must quote. */
export const TEXT_REDACTED_AT = {
  file: ACTIVITIES,
  row: 2,
  column: "简介",
  quotes: ["学生姓名“王＊＊”", "手机号“138＊＊＊＊”"],
} as const;

/** The summary of the fixture's row 2: a roster name and a mobile number. */
export const TEXT_REDACTED_SUMMARY = "王小明的奶奶说：有事请打 138 1234 5678。";

export async function textRedactedCase(): Promise<ValidationResult> {
  const dir = await writeDataDir({
    [ACTIVITIES]: csv(headersOf("activities"), [
      activityRow({ summary: TEXT_REDACTED_SUMMARY }),
      BASE_ACTIVITIES[1]!,
    ]),
  });
  const result = await validateData(dir, { keepRows: true });
  const sink = new ProblemSink();
  for (const year of result.data.years) redactActivities(year.activities, year.names, sink);
  const added = sink.finish();
  return withProblems(result, added);
}
