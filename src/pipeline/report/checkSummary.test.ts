import { describe, expect, it } from "vitest";
import { problem } from "../problems";
import { formatCheckSummary } from "./checkSummary";

const care = "2024-2025/care/一小.csv";
const roster = "2024-2025/students/一小.csv";

describe("formatCheckSummary", () => {
  it("says in one line that no problems were found", () => {
    const text = formatCheckSummary([]);
    expect(text).toBe("检查完成，没有发现问题。");
    expect(text).not.toContain("\n");
  });

  it("groups by file, then by code, listing the rows of each code", () => {
    const text = formatCheckSummary([
      problem("E_DATE_INVALID", care, 12, "日期", { value: "2024-02-30" }),
      problem("E_DATE_INVALID", care, 5, "日期", { value: "昨天" }),
      problem("E_DATE_INVALID", care, 8, "日期", { value: "5月" }),
    ]);
    expect(text.split("\n")).toEqual([
      `${care}：3 个错误、0 个警告`,
      "  E_DATE_INVALID  日期无法识别  3 处（第 5、8、12 行）",
      "共 3 个错误、0 个警告",
    ]);
  });

  it("lists at most five rows, then 等", () => {
    const rows = [30, 2, 9, 4, 7, 15, 21];
    const text = formatCheckSummary(
      rows.map((r) => problem("E_REQUIRED_EMPTY", roster, r, "性别")),
    );
    expect(text).toContain("  E_REQUIRED_EMPTY  必填项为空  7 处（第 2、4、7、9、15 行等）");
  });

  it("does not say 等 for exactly five rows", () => {
    const text = formatCheckSummary(
      [2, 3, 4, 5, 6].map((r) => problem("E_REQUIRED_EMPTY", roster, r, "性别")),
    );
    expect(text).toContain("5 处（第 2、3、4、5、6 行）");
  });

  it("names a repeated row once but counts every problem", () => {
    const text = formatCheckSummary([
      problem("E_REQUIRED_EMPTY", roster, 3, "性别"),
      problem("E_REQUIRED_EMPTY", roster, 3, "年级"),
    ]);
    expect(text).toContain("2 处（第 3 行）");
  });

  it("says 整个文件 for problems without a row", () => {
    const text = formatCheckSummary([
      problem("W_HEADER_UNKNOWN", roster, null, null, { value: "“家长签字”" }),
    ]);
    expect(text).toContain("  W_HEADER_UNKNOWN  无法识别的列  1 处（整个文件）");
  });

  it("sorts files, puts errors before warnings within a file, and counts both at the end", () => {
    const text = formatCheckSummary([
      problem("W_CARE_DUPLICATE", care, 9, null, { extra: "第 8 行" }),
      problem("E_SCHOOL_ID_INVALID", "2024-2025/schools.csv", 4, "学校标识码", { value: "123" }),
      problem("E_CARE_STUDENT_UNKNOWN", care, 6, "学籍号", { value: "G4101…1234" }),
      problem("W_CARE_MISSING", "2023-2024", null, null),
    ]);
    expect(text.split("\n")).toEqual([
      "2023-2024：0 个错误、1 个警告",
      "  W_CARE_MISSING  没有关爱记录  1 处（整个文件）",
      `${care}：1 个错误、1 个警告`,
      "  E_CARE_STUDENT_UNKNOWN  关爱记录对应的学生不在名单中  1 处（第 6 行）",
      "  W_CARE_DUPLICATE  重复的关爱记录  1 处（第 9 行）",
      "2024-2025/schools.csv：1 个错误、0 个警告",
      "  E_SCHOOL_ID_INVALID  学校标识码格式不对  1 处（第 4 行）",
      "共 2 个错误、2 个警告",
    ]);
  });

  it("labels problems with the data folder itself", () => {
    const text = formatCheckSummary([problem("E_SITE_JSON_MISSING", "", null, null)]);
    expect(text.split("\n")[0]).toBe("（数据文件夹）：1 个错误、0 个警告");
  });

  it("never prints the messages, which may quote values from the files", () => {
    const text = formatCheckSummary([
      problem("E_VALUE_INVALID", roster, 2, "性别", { value: "秘密值", expected: "男、女" }),
    ]);
    expect(text).not.toContain("秘密值");
  });
});
