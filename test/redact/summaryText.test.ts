/**
 * The bureau's 下一步工作 texts: paragraphs as written, matched to the unit the file is named
 * after, a pupil's name and a mobile number redacted and reported, a file naming no unit
 * reported and not used.
 */
import { afterAll, describe, expect, it } from "vitest";
import { textParagraphs } from "../../src/pipeline/read/summaryText.ts";
import { removeDataDirs } from "../helpers/dataDir.ts";
import {
  SUMMARY_TEXT_FILE,
  SUMMARY_TEXT_UNIT,
  UNKNOWN_TEXT_FILE,
  summaryTextCase,
} from "./summaryTextCase.ts";

afterAll(removeDataDirs);

describe("the bureau's 下一步工作 text", () => {
  it("splits paragraphs at blank lines, joins their lines and drops Markdown marks", () => {
    expect(
      textParagraphs("# 下一步工作\r\n\r\n一是补齐，\r\n做到每月。\n\n- 二是督导。\n\n\n"),
    ).toEqual(["一是补齐，做到每月。", "二是督导。"]);
  });

  it("redacts a pupil's name and a mobile number, reports both masked, and keeps the rest", async () => {
    const run = await summaryTextCase();
    const school = run.nextSteps.find((n) => n.unit === SUMMARY_TEXT_UNIT)!;
    expect(school.paragraphs).toEqual([
      "一是补齐关爱工作短板，做到每月谈心。",
      "二是对某同学同学重点帮扶，联系电话 ＊＊＊。",
    ]);
    expect(JSON.stringify(run.nextSteps)).not.toContain("王小明");
    const warning = run.problems.find((p) => p.code === "W_SUMMARY_TEXT_REDACTED")!;
    expect(warning).toMatchObject({ file: SUMMARY_TEXT_FILE, severity: "warning" });
    expect(warning.message).toContain("第 2 段");
    expect(warning.message).toContain("学生姓名“王＊＊”");
    expect(warning.message).toContain("手机号“138＊＊＊＊”");
    expect(warning.message).not.toContain("王小明");
  });

  it("uses summary.md for the region, and reports a file named after no unit", async () => {
    const run = await summaryTextCase();
    expect(run.nextSteps.find((n) => n.unit === "region")?.paragraphs).toEqual([
      "全县一是加强督导。",
    ]);
    expect(run.nextSteps).toHaveLength(2);
    const unknown = run.problems.find((p) => p.code === "W_SUMMARY_TEXT_UNIT_UNKNOWN")!;
    expect(unknown).toMatchObject({ file: UNKNOWN_TEXT_FILE });
    expect(unknown.message).toContain("“不存在的学校”");
  });
});
