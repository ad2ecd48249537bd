/**
 * Cell values (data contract §3–§8): dates in every accepted form, numbers Excel has
 * damaged, amounts, and every vocabulary with its codes.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  Invalid,
  idCheckChar,
  parseActivityType,
  parseAmount,
  parseBoarding,
  parseCareType,
  parseCarer,
  parseCount,
  parseDate,
  parseDisabled,
  parseGrade,
  parseLeftBehind,
  parseLevel,
  parseSchoolId,
  parseSex,
  parseStudentNo,
  parseUrbanRural,
  parseYesNo,
  type Parser,
} from "../../src/pipeline/validate/values.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import {
  BASE_CARE,
  BASE_SOCIAL,
  BASE_STUDENTS,
  CARE,
  SOCIAL,
  STUDENTS,
  careRow,
  csv,
  headersOf,
  removeDataDirs,
  rosterCsv,
  socialRow,
  student,
  writeDataDir,
} from "../helpers/dataDir.ts";

afterAll(removeDataDirs);

/** The problem code a parser gives, or null when the cell parses. */
function codeOf<T>(parse: Parser<T>, cell: string): string | null {
  const r = parse(cell);
  return r instanceof Invalid ? r.code : null;
}

describe("dates", () => {
  it.each([
    "2024-05-31",
    "2024-5-31",
    "2024/5/31",
    "2024/05/31",
    "2024.5.31",
    "20240531",
    "2024年5月31日",
    "2024年05月31日",
    "45443",
    "2024-05-31 00:00:00",
    "2024/5/31 0:00",
  ])("reads %s as 2024-05-31", (cell) => {
    expect(parseDate(cell)).toBe("2024-05-31");
  });

  it("reads Excel serial day numbers, counting from 1899-12-30", () => {
    expect(parseDate("45443")).toBe("2024-05-31");
    expect(parseDate("45351")).toBe("2024-02-29");
    expect(parseDate("45352")).toBe("2024-03-01");
    expect(parseDate("36526")).toBe("2000-01-01");
  });

  it.each(["2024-02-30", "2023-02-29", "2024/2/30", "20230229", "2023年2月29日", "2024.4.31"])(
    "rejects the impossible date %s",
    (cell) => {
      expect(codeOf(parseDate, cell)).toBe("E_DATE_INVALID");
    },
  );

  it.each([
    "2024-13-01",
    "2024-00-10",
    "2024-05-00",
    "1900-02-29",
    "31/05/2024",
    "下周一",
    "2024-5",
  ])("rejects %s", (cell) => {
    expect(codeOf(parseDate, cell)).toBe("E_DATE_INVALID");
  });

  it("accepts leap days of leap years only", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2000-02-29")).toBe("2000-02-29");
    expect(codeOf(parseDate, "2100-02-29")).toBe("E_DATE_INVALID");
  });

  it("reads every date form in a care file and keeps the same records", async () => {
    const forms = ["2024/9/10", "2024.10.15", "20241120"];
    const care = BASE_CARE.map((r, i) => [forms[i]!, ...r.slice(1)]);
    const dir = await writeDataDir({ [CARE]: csv(headersOf("care"), care) });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.care.map((c) => c.date)).toEqual([
      "2024-09-10",
      "2024-10-15",
      "2024-11-20",
    ]);
  });

  it("reports a care date of 2025-02-29 (not a leap year) at its row and column", async () => {
    const dir = await writeDataDir({
      [CARE]: csv(headersOf("care"), [
        ...BASE_CARE,
        careRow({ date: "2025-02-29", care_type: "谈心" }),
      ]),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    expect(problems.map((p) => [p.code, p.file, p.row, p.column])).toEqual([
      ["E_DATE_INVALID", CARE, 5, "日期"],
    ]);
  });
});

describe("numbers Excel has damaged", () => {
  it("computes the ISO 7064 MOD 11-2 check character of GB 11643", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(idCheckChar("41010220180310700")).toBe("0");
  });

  it.each(["4.10101E+17", "4.10101e+17", "4.10102201803011E+17", "4E17"])(
    "rejects the 学籍号 %s in scientific notation as damaged by Excel",
    (cell) => {
      expect(codeOf(parseStudentNo, cell)).toBe("E_EXCEL_DAMAGED_NUMBER");
    },
  );

  it("rejects an 18-digit number ending in 000 whose check character is wrong", () => {
    expect(idCheckChar("41010220180301100")).not.toBe("0");
    expect(codeOf(parseStudentNo, "G410102201803011000")).toBe("E_EXCEL_DAMAGED_NUMBER");
    expect(codeOf(parseStudentNo, "410102201803011000")).toBe("E_EXCEL_DAMAGED_NUMBER");
  });

  it("accepts a real number ending in 000 with a valid check character", () => {
    expect(parseStudentNo("G410102201803107000")).toBe("G410102201803107000");
  });

  it("accepts national numbers with G, J or L and a final X, in any letter case", () => {
    expect(parseStudentNo("G410102201803011234")).toBe("G410102201803011234");
    expect(parseStudentNo("J410102201803011234")).toBe("J410102201803011234");
    expect(parseStudentNo("L41010220180301123X")).toBe("L41010220180301123X");
    expect(parseStudentNo("g41010220180301123x")).toBe("G41010220180301123X");
  });

  it("accepts a school's own id of 6 to 20 letters and digits only", () => {
    expect(parseStudentNo("XS2024001")).toBe("XS2024001");
    expect(parseStudentNo("123456")).toBe("123456");
    expect(codeOf(parseStudentNo, "12345")).toBe("E_STUDENT_NO_INVALID");
    expect(codeOf(parseStudentNo, "A".repeat(21))).toBe("E_STUDENT_NO_INVALID");
    expect(codeOf(parseStudentNo, "G-2024-001")).toBe("E_STUDENT_NO_INVALID");
  });

  it("rejects a 学校标识码 in scientific notation as damaged, and other forms as invalid", () => {
    expect(parseSchoolId("4101020001")).toBe("4101020001");
    expect(codeOf(parseSchoolId, "4.10102E+09")).toBe("E_EXCEL_DAMAGED_NUMBER");
    expect(codeOf(parseSchoolId, "410102001")).toBe("E_SCHOOL_ID_INVALID");
    expect(codeOf(parseSchoolId, "41010200011")).toBe("E_SCHOOL_ID_INVALID");
  });

  it("reports the damaged 学籍号 in a roster with the fix", async () => {
    const dir = await writeDataDir({
      [STUDENTS]: rosterCsv([...BASE_STUDENTS, student({ student_no: "4.10101E+17" })]),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["E_EXCEL_DAMAGED_NUMBER", 8, "学籍号"],
    ]);
    expect(problems[0]!.message).toContain("文本");
  });
});

describe("amounts and counts", () => {
  it.each([
    ["1.2万", 12000],
    ["12,000", 12000],
    ["12000元", 12000],
    ["1.5万元", 15000],
    ["12,000.50", 12000.5],
    ["0", 0],
    ["0.125", 0.13],
  ])("reads the amount %s as %d 元", (cell, value) => {
    expect(parseAmount(cell)).toBe(value);
  });

  it.each(["-5", "一万", "约1万", "1.2千", ""])("rejects the amount “%s”", (cell) => {
    expect(codeOf(parseAmount, cell)).toBe("E_NUMBER_INVALID");
  });

  it("reads counts with thousands separators and rejects negatives and fractions", () => {
    expect(parseCount("1,200")).toBe(1200);
    expect(parseCount("35")).toBe(35);
    expect(codeOf(parseCount, "-1")).toBe("E_NUMBER_INVALID");
    expect(codeOf(parseCount, "2.5")).toBe("E_NUMBER_INVALID");
  });

  it("reads full-width amounts in social.csv after NFKC", async () => {
    const rows = [socialRow({ amount_yuan: "１．２万" }), BASE_SOCIAL[1]!];
    const dir = await writeDataDir({ [SOCIAL]: csv(headersOf("social"), rows) });
    const result = await validateData(dir, { keepRows: true });
    expect(result.problems).toEqual([]);
    expect(result.data.years[0]!.social.map((s) => s.amount_yuan)).toEqual([12000, 12000]);
  });
});

describe("vocabularies", () => {
  it("reads 性别 as 男/女 or the codes 1/2", () => {
    expect([parseSex("男"), parseSex("女"), parseSex("1"), parseSex("2")]).toEqual([
      "男",
      "女",
      "男",
      "女",
    ]);
    expect(codeOf(parseSex, "0")).toBe("E_VALUE_INVALID");
    expect(codeOf(parseSex, "未知")).toBe("E_VALUE_INVALID");
  });

  it("reads 是否留守儿童 as labels or the codes 0/1/2", () => {
    expect(["0", "1", "2"].map(parseLeftBehind)).toEqual([
      "非留守儿童",
      "单亲留守儿童",
      "双亲留守儿童",
    ]);
    for (const label of ["非留守儿童", "单亲留守儿童", "双亲留守儿童"]) {
      expect(parseLeftBehind(label)).toBe(label);
    }
    expect(codeOf(parseLeftBehind, "3")).toBe("E_VALUE_INVALID");
    expect(codeOf(parseLeftBehind, "留守")).toBe("E_VALUE_INVALID");
  });

  it("reads 初一…初三 as 七…九年级 and the numbers 1…9 as grades", () => {
    expect(["初一", "初二", "初三"].map(parseGrade)).toEqual([7, 8, 9]);
    expect(["七年级", "八年级", "九年级"].map(parseGrade)).toEqual([7, 8, 9]);
    const cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    expect(cn.map((d) => parseGrade(`${d}年级`))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(["1", "2", "3", "4", "5", "6", "7", "8", "9"].map(parseGrade)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(["小班", "中班", "大班"].map(parseGrade)).toEqual([-2, -1, 0]);
    for (const bad of ["0", "10", "十年级", "高一", "初四"]) {
      expect(codeOf(parseGrade, bad), bad).toBe("E_VALUE_INVALID");
    }
  });

  it("reads 就读方式 as 走读/住校 or the codes 1/2", () => {
    expect(["走读", "住校", "1", "2"].map(parseBoarding)).toEqual(["走读", "住校", "走读", "住校"]);
    expect(codeOf(parseBoarding, "3")).toBe("E_VALUE_INVALID");
  });

  it("reads every 残疾人类型 other than 无残疾 as 是", () => {
    const types = [
      "视力残疾",
      "听力残疾",
      "言语残疾",
      "肢体残疾",
      "智力残疾",
      "精神残疾",
      "多重残疾",
    ];
    for (const t of types) expect(parseDisabled(t), t).toBe(true);
    expect(parseDisabled("无残疾")).toBe(false);
    expect(parseDisabled("是")).toBe(true);
    expect(parseDisabled("否")).toBe(false);
    expect(codeOf(parseDisabled, "轻微")).toBe("E_VALUE_INVALID");
  });

  it("reads 是/否 and 1/0 in yes-no columns", () => {
    expect(["是", "否", "1", "0"].map(parseYesNo)).toEqual([true, false, true, false]);
    expect(codeOf(parseYesNo, "不详")).toBe("E_VALUE_INVALID");
  });

  it("reads 祖父母 and 外祖父母 as 祖辈 among the carers", () => {
    expect(parseCarer("祖父母")).toBe("祖辈");
    expect(parseCarer("外祖父母")).toBe("祖辈");
    for (const c of ["父亲", "母亲", "祖辈", "其他亲属", "寄宿学校", "其他", "无人照护"]) {
      expect(parseCarer(c)).toBe(c);
    }
    expect(codeOf(parseCarer, "邻居")).toBe("E_VALUE_INVALID");
  });

  it("reads 亲情视频 and 视频通话 as 亲情电话 among the care types", () => {
    expect(parseCareType("亲情视频")).toBe("亲情电话");
    expect(parseCareType("视频通话")).toBe("亲情电话");
    const types = [
      "建档",
      "结对帮扶",
      "谈心",
      "家访",
      "亲情电话",
      "心理辅导",
      "学业辅导",
      "体检",
      "慰问",
      "生活照顾",
    ];
    for (const t of types) expect(parseCareType(t)).toBe(t);
    expect(codeOf(parseCareType, "聊天")).toBe("E_VALUE_INVALID");
  });

  it("reads every 学段, 城乡分类代码 and 活动类型 of the contract", () => {
    for (const l of ["幼儿园", "小学", "初中", "九年一贯制", "完全中学", "教学点", "特殊教育"]) {
      expect(parseLevel(l)).toBe(l);
    }
    for (const c of ["111", "112", "121", "122", "123", "210", "220"]) {
      expect(parseUrbanRural(c)).toBe(c);
    }
    expect(codeOf(parseUrbanRural, "100")).toBe("E_VALUE_INVALID");
    const activities = [
      "亲情沟通",
      "心理健康",
      "学业辅导",
      "读书",
      "文体",
      "兴趣培养",
      "安全教育",
      "节日关爱",
      "社会实践",
      "健康体检",
      "其他",
    ];
    for (const a of activities) expect(parseActivityType(a)).toBe(a);
    expect(codeOf(parseActivityType, "郊游")).toBe("E_VALUE_INVALID");
  });

  it("quotes the accepted values in the problem for a wrong 年级", async () => {
    const dir = await writeDataDir({
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS,
        student({ student_no: "G410102201803019991", grade: "十年级" }),
      ]),
    });
    const { problems } = await validateData(dir, { keepRows: false });
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["E_VALUE_INVALID", 8, "年级"],
    ]);
    expect(problems[0]!.message).toContain("“十年级”");
    expect(problems[0]!.message).toContain("初一");
  });

  it("gives the same roster rows for codes as for labels", async () => {
    const codes = BASE_STUDENTS.map((r) =>
      r.map((cell, i) => {
        const key = headersOf("students")[i];
        if (key === "性别") return cell === "男" ? "1" : "2";
        if (key === "是否留守儿童")
          return String(["非留守儿童", "单亲留守儿童", "双亲留守儿童"].indexOf(cell));
        if (key === "就读方式") return cell === "走读" ? "1" : "2";
        if (key === "年级") return String(parseGrade(cell));
        if (["父亲外出务工", "母亲外出务工", "是否孤儿", "单亲家庭"].includes(key!))
          return cell === "是" ? "1" : "0";
        return cell;
      }),
    );
    const labels = await validateData(await writeDataDir(), { keepRows: true });
    const coded = await validateData(await writeDataDir({ [STUDENTS]: rosterCsv(codes) }), {
      keepRows: true,
    });
    expect(coded.problems).toEqual([]);
    expect(coded.data.years[0]!.students).toEqual(labels.data.years[0]!.students);
  });
});
